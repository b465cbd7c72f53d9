import type { VerifiedToken } from "./verify-token";

/**
 * How long this process trusts a token it verified without asking the database again: a token
 * revoked elsewhere (another web server, `npm run token -- revoke`) is refused here at most this
 * much later; revoked through this process, at once.
 */
export const VERIFIED_TOKEN_TTL_MS = 5_000;
/** Entries kept at most (only valid tokens are cached, so unknown tokens cannot fill it). */
const MAX_ENTRIES = 10_000;

const holder = globalThis as unknown as { __lipsyncVerifiedTokens?: Map<string, VerifiedToken & { until: number }> };
const entries = (holder.__lipsyncVerifiedTokens ??= new Map());

/** Valid tokens by their hash, for VERIFIED_TOKEN_TTL_MS. */
export const verifiedTokenCache = {
  get(hash: string): VerifiedToken | undefined {
    const entry = entries.get(hash);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      entries.delete(hash);
      return undefined;
    }
    return { userId: entry.userId, tokenId: entry.tokenId };
  },
  set(hash: string, token: VerifiedToken): void {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(hash, { ...token, until: Date.now() + VERIFIED_TOKEN_TTL_MS });
  },
  /** A token was revoked: forget it now. */
  forget(tokenId: string): void {
    for (const [hash, entry] of entries) if (entry.tokenId === tokenId) entries.delete(hash);
  },
};
