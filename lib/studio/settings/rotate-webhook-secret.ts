import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";

/** Replaces the user's webhook signing secret (32 random bytes, hex, as at sign-up); deliveries from now on use the new one. */
export async function rotateWebhookSecret(userId: number): Promise<string> {
  const webhookSecret = randomBytes(32).toString("hex");
  await db.user.update({ where: { id: userId }, data: { webhookSecret } });
  return webhookSecret;
}
