import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/db";
import { TASK_STATUS } from "./task-state";

/**
 * Removes DATA_DIR/work/task-<id> folders of tasks that are finished or gone: leftovers of
 * workers killed on this machine whose task another worker finished. Returns the ids cleaned.
 */
export async function cleanWorkFolders(dataDir: string): Promise<number[]> {
  const workDir = path.join(dataDir, "work");
  const names = await readdir(workDir).catch(() => [] as string[]);
  const ids = names.map((name) => /^task-(\d+)$/.exec(name)?.[1]).filter((id): id is string => id !== undefined).map(Number);
  if (ids.length === 0) return [];
  const open = await prisma.task.findMany({
    where: { id: { in: ids }, status: { in: [TASK_STATUS.submitted, TASK_STATUS.processing] } },
    select: { id: true },
  });
  const keep = new Set(open.map((task) => task.id));
  const cleaned = ids.filter((id) => !keep.has(id));
  for (const id of cleaned) await rm(path.join(workDir, `task-${id}`), { recursive: true, force: true });
  return cleaned;
}
