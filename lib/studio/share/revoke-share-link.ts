import { ApiError } from "@/lib/api/errors";
import { db } from "@/lib/db";

/**
 * Revokes the task's active share links: their page and media answer 404 from now on, and every
 * signed URL of the task handed out so far answers 410.
 */
export async function revokeShareLink(userId: number, taskId: number): Promise<void> {
  const task = await db.task.findFirst({ where: { id: taskId, userId }, select: { id: true } });
  if (!task) throw new ApiError("not_found", `Task ${taskId} was not found.`);
  await db.$transaction([
    db.shareLink.updateMany({ where: { userId, taskId, revokedAt: null }, data: { revokedAt: new Date() } }),
    db.task.update({ where: { id: taskId }, data: { linkVersion: { increment: 1 } } }),
  ]);
}
