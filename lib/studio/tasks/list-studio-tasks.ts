import { TASK_STATUS } from "@/lib/api/tasks/schemas";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findStudioTasks } from "./find-studio-tasks";
import type { StudioTask } from "./studio-task";
import { HISTORY_PAGE_SIZE, type StudioTaskQuery } from "./studio-task-query";

export type StudioTaskPage = {
  tasks: StudioTask[];
  /** the page shown: the one asked for, or the last one when it asked past the end */
  page: number;
  pageCount: number;
  total: number;
};

const MAX_TASK_ID = 2_147_483_647;
/** Uploads whose names match, at most: an IN list far beyond this would only slow the query down. */
const MAX_MATCHING_ASSETS = 5_000;

/** A number is a task id (exactly); anything else is part of a file name or URL, any case. */
async function searchWhere(userId: number, q: string): Promise<Prisma.TaskWhereInput> {
  if (/^\d+$/.test(q)) {
    const id = Number(q);
    return id <= MAX_TASK_ID ? { id } : { id: -1 };
  }
  // Prisma passes `contains` to ILIKE as is: escape its wildcards with a backslash
  // (PostgreSQL's default escape character), so "100%" or "a_b" are searched as typed.
  const contains = { contains: q.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" } as const;
  const assets = await db.asset.findMany({
    where: { userId, kind: "upload", fileName: contains },
    select: { id: true },
    orderBy: { createdAt: "desc" },
    take: MAX_MATCHING_ASSETS,
  });
  const assetIds = assets.map((asset) => asset.id);
  return {
    OR: [
      { videoUrl: contains },
      { audioUrl: contains },
      { audioFileName: contains },
      ...(assetIds.length > 0 ? [{ videoAssetId: { in: assetIds } }, { audioAssetId: { in: assetIds } }] : []),
    ],
  };
}

/** One page of the user's tasks for the history, newest first, filtered by status and search. */
export async function listStudioTasks(userId: number, query: StudioTaskQuery): Promise<StudioTaskPage> {
  const where: Prisma.TaskWhereInput = {
    userId,
    ...(query.status ? { status: TASK_STATUS[query.status] } : {}),
    ...(query.q ? await searchWhere(userId, query.q) : {}),
  };
  const total = await db.task.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const tasks = total === 0 ? [] : await findStudioTasks(userId, { where, skip: (page - 1) * HISTORY_PAGE_SIZE, take: HISTORY_PAGE_SIZE });
  return { tasks, page, pageCount, total };
}
