import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { TASK_STATUS } from "../lipsync/task-state";

/** Writes upstream fields only while this attempt owns the task (processing, same attempt). */
export async function updateOwnedTask(taskId: number, attempt: number, data: Prisma.TaskUpdateManyMutationInput): Promise<boolean> {
  const { count } = await prisma.task.updateMany({ where: { id: taskId, attempt, status: TASK_STATUS.processing }, data });
  return count === 1;
}
