import { ApiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import type { ShareView } from "./schemas";
import { toShareView } from "./to-share-view";

/** Whether the task's active share page also shows the original video. */
export async function setShareOriginal(userId: number, taskId: number, includeOriginal: boolean): Promise<ShareView> {
  const active = await db.shareLink.findFirst({ where: { userId, taskId, revokedAt: null }, orderBy: { id: "desc" } });
  if (!active) throw new ApiError("not_found", `Task ${taskId} has no active share link.`);
  return toShareView(await db.shareLink.update({ where: { id: active.id }, data: { includeOriginal } }));
}
