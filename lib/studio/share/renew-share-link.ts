import { db } from "@/lib/db";
import { findShareableTask } from "./find-shareable-task";
import { newShareSlug } from "./new-share-slug";
import type { ShareView } from "./schemas";
import { toShareView } from "./to-share-view";

/**
 * Revokes the task's share link (and its signed URLs, as revokeShareLink) and makes a new one
 * (new slug, same "show the original" choice).
 */
export async function renewShareLink(userId: number, taskId: number): Promise<ShareView> {
  return db.$transaction(async (tx) => {
    await findShareableTask(tx, userId, taskId);
    await tx.$queryRaw`SELECT id FROM "Task" WHERE id = ${taskId} FOR UPDATE`;
    const previous = await tx.shareLink.findFirst({ where: { userId, taskId, revokedAt: null }, orderBy: { id: "desc" } });
    await tx.shareLink.updateMany({ where: { userId, taskId, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.task.update({ where: { id: taskId }, data: { linkVersion: { increment: 1 } } });
    const share = await tx.shareLink.create({
      data: { slug: newShareSlug(), taskId, userId, includeOriginal: previous?.includeOriginal ?? false },
    });
    return toShareView(share);
  });
}
