import { z } from "zod";
import { db } from "@/lib/db";
import { verifiedTokenCache } from "./verified-token-cache";

const revokeTokenInput = z.object({
  id: z.string().min(1),
  /** When given, only a token of this user is revoked. */
  userId: z.number().int().positive().optional(),
});

/** Revokes a token for good. false: no such token (of that user), or it was already revoked. */
export async function revokeToken(input: z.input<typeof revokeTokenInput>): Promise<boolean> {
  const { id, userId } = revokeTokenInput.parse(input);
  const { count } = await db.apiToken.updateMany({
    where: { id, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  verifiedTokenCache.forget(id);
  return count === 1;
}
