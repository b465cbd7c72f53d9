import { db } from "@/lib/db";
import { TOKEN_PATTERN, hashToken } from "./token-format";
import { verifiedTokenCache } from "./verified-token-cache";

/** lastUsedAt is written at most this often per token, to keep verification mostly read-only. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type VerifiedToken = { userId: number; tokenId: string };

/**
 * The owner of a bearer token, or null when the token is malformed, unknown or revoked. A valid
 * token is remembered for VERIFIED_TOKEN_TTL_MS (see verified-token-cache.ts for the revocation bound).
 */
export async function verifyToken(token: string): Promise<VerifiedToken | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const hash = hashToken(token);
  const cached = verifiedTokenCache.get(hash);
  if (cached) return cached;
  // Raw: every API request can run this, and Prisma's query compiler costs more CPU than the lookup.
  const [row] = await db.$queryRaw<Array<{ id: string; userId: number; revokedAt: Date | null; lastUsedAt: Date | null }>>`
    SELECT id, "userId", "revokedAt", "lastUsedAt" FROM "ApiToken" WHERE "hashedKey" = ${hash}`;
  if (!row || row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests write it once.
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  const verified = { userId: row.userId, tokenId: row.id };
  verifiedTokenCache.set(hash, verified);
  return verified;
}
