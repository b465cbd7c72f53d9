import { db } from "@/lib/db";
import { TOKEN_PATTERN, hashToken } from "./token-format";

/** lastUsedAt is written at most this often per token, to keep verification mostly read-only. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type VerifiedToken = { userId: number; tokenId: string };

/** The owner of a bearer token, or null when the token is malformed, unknown or revoked. */
export async function verifyToken(token: string): Promise<VerifiedToken | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { hashedKey: hashToken(token) },
    select: { id: true, userId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests write it once.
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { userId: row.userId, tokenId: row.id };
}
