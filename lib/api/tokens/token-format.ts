import { createHash } from "node:crypto";

/** Every API token starts with this, so leaked tokens are easy to recognise and scan for. */
export const TOKEN_PREFIX = "lss_";
/** lss_ + 43 base62 characters (32 random bytes). */
export const TOKEN_PATTERN = /^lss_[0-9A-Za-z]{43}$/;
/** How much of the token lists show (and the database keeps in clear). */
export const VISIBLE_PREFIX_LENGTH = 12;

/** The stored form of a token: hex SHA-256 of the whole token string. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
