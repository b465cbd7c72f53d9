import { db } from "@/lib/db";
import type { ShareView } from "./schemas";
import { toShareView } from "./to-share-view";

/** The task's active share link, if the user has one (revoked links are history). */
export async function findActiveShare(userId: number, taskId: number): Promise<ShareView | null> {
  const share = await db.shareLink.findFirst({ where: { userId, taskId, revokedAt: null }, orderBy: { id: "desc" } });
  return share ? toShareView(share) : null;
}
