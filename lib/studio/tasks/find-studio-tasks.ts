import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type AssetName, type StudioTask, toStudioTask } from "./studio-task";

/** The user's tasks matching `where`, as the studio shows them (their file names in one more query). */
export async function findStudioTasks(
  userId: number,
  query: { where?: Prisma.TaskWhereInput; skip?: number; take?: number } = {},
): Promise<StudioTask[]> {
  const tasks = await db.task.findMany({
    where: { ...query.where, userId },
    orderBy: { id: "desc" },
    skip: query.skip,
    take: query.take,
    include: { account: { select: { email: true, provider: true } } },
  });
  const ids = tasks.flatMap((task) => [task.videoAssetId, task.audioAssetId, task.resultAssetId, task.coverAssetId]).filter((id): id is string => Boolean(id));
  const assets = await db.asset.findMany({ where: { id: { in: ids }, userId }, select: { id: true, fileName: true } });
  const byId = new Map<string, AssetName>(assets.map((asset) => [asset.id, asset]));
  return tasks.map((task) => toStudioTask(task, byId));
}
