import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/db";
import { TASK_STATUS } from "./task-state";

export interface CleanedWorkFolders {
  /** Ids of the finished or deleted tasks whose task-<id> folder was removed. */
  tasks: number[];
  /** Ids of the assets whose preview-<id> folder was removed (preview made, failed, or asset deleted). */
  previews: string[];
}

/**
 * Removes the DATA_DIR/work folders no job will come back to: task-<id> of tasks that are
 * finished or gone, preview-<assetId> of videos whose preview is no longer pending. They are
 * leftovers of workers killed on this machine whose job another worker finished.
 */
export async function cleanWorkFolders(dataDir: string): Promise<CleanedWorkFolders> {
  const workDir = path.join(dataDir, "work");
  const names = await readdir(workDir).catch(() => [] as string[]);
  const taskIds = names.flatMap((name) => /^task-(\d+)$/.exec(name)?.[1] ?? []).map(Number);
  const assetIds = names.flatMap((name) => /^preview-([\w-]+)$/.exec(name)?.[1] ?? []);
  const [openTasks, pendingPreviews] = await Promise.all([
    taskIds.length
      ? prisma.task.findMany({ where: { id: { in: taskIds }, status: { in: [TASK_STATUS.submitted, TASK_STATUS.processing] } }, select: { id: true } })
      : [],
    assetIds.length ? prisma.asset.findMany({ where: { id: { in: assetIds }, previewStatus: "pending" }, select: { id: true } }) : [],
  ]);
  const keepTasks = new Set(openTasks.map((task) => task.id));
  const keepPreviews = new Set(pendingPreviews.map((asset) => asset.id));
  const cleaned = { tasks: taskIds.filter((id) => !keepTasks.has(id)), previews: assetIds.filter((id) => !keepPreviews.has(id)) };
  for (const id of cleaned.tasks) await rm(path.join(workDir, `task-${id}`), { recursive: true, force: true });
  for (const id of cleaned.previews) await rm(path.join(workDir, `preview-${id}`), { recursive: true, force: true });
  return cleaned;
}
