import { db } from "@/lib/db";
import { findStudioTasks } from "@/lib/studio/tasks/find-studio-tasks";
import type { StudioTask } from "@/lib/studio/tasks/studio-task";

/** What the task page polls: the task and the sizes of its files (bytes; null when not stored here). */
export type TaskSnapshot = {
  task: StudioTask;
  sizes: { video: number | null; audio: number | null; result: number | null };
};

/** The user's task as the task page shows it, or null (unknown, or another user's). */
export async function findTaskSnapshot(userId: number, taskId: number): Promise<TaskSnapshot | null> {
  const [task] = await findStudioTasks(userId, { where: { id: taskId }, take: 1 });
  if (!task) return null;
  const row = await db.task.findFirstOrThrow({ where: { id: taskId, userId }, select: { videoAssetId: true, audioAssetId: true, resultAssetId: true } });
  const ids = [row.videoAssetId, row.audioAssetId, row.resultAssetId].filter((id): id is string => Boolean(id));
  const assets = await db.asset.findMany({ where: { id: { in: ids }, userId }, select: { id: true, size: true } });
  const size = (id: string | null) => {
    const found = assets.find((asset) => asset.id === id);
    return found ? Number(found.size) : null;
  };
  return { task, sizes: { video: size(row.videoAssetId), audio: size(row.audioAssetId), result: size(row.resultAssetId) } };
}
