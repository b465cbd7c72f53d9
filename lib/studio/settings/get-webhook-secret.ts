import { db } from "@/lib/db";

/** The user's webhook signing secret, read only when asked for (it is not put in the page). */
export async function getWebhookSecret(userId: number): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { webhookSecret: true } });
  return user.webhookSecret;
}
