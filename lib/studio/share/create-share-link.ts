import { db } from "@/lib/db";
import { findShareableTask } from "./find-shareable-task";
import { newShareSlug } from "./new-share-slug";
import type { ShareView } from "./schemas";
import { toShareView } from "./to-share-view";

/**
 * The task's active share link, made now when it has none (so a double click makes one link).
 * Throws not_found for a task that is not the user's, conflict when it has no result.
 */
export async function createShareLink(userId: number, taskId: number, options: { includeOriginal?: boolean } = {}): Promise<ShareView> {
  return db.$transaction(async (tx) => {
    await findShareableTask(tx, userId, taskId);
    // Serialises creators of this task's link: the second one finds the first one's link.
    await tx.$queryRaw`SELECT id FROM "Task" WHERE id = ${taskId} FOR UPDATE`;
    const active = await tx.shareLink.findFirst({ where: { userId, taskId, revokedAt: null } });
    const share =
      active ?? (await tx.shareLink.create({ data: { slug: newShareSlug(), taskId, userId, includeOriginal: options.includeOriginal ?? false } }));
    return toShareView(share);
  });
}
