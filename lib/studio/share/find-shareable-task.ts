import { ApiError } from "@/lib/api/errors";
import { TASK_STATUS } from "@/lib/api/tasks/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The user's task `taskId` (read inside `tx`), or a not_found error: another user's task looks
 * missing. Only a succeeded task with a result can be shared.
 */
export async function findShareableTask(tx: Prisma.TransactionClient, userId: number, taskId: number) {
  const task = await tx.task.findFirst({ where: { id: taskId, userId }, select: { id: true, status: true, resultAssetId: true } });
  if (!task) throw new ApiError("not_found", `Task ${taskId} was not found.`);
  if (task.status !== TASK_STATUS.succeed || !task.resultAssetId) {
    throw new ApiError("conflict", `Task ${taskId} has no result yet: share it once it is done.`);
  }
  return task;
}
