import { prisma } from "@/lib/db";
import { connectionOf } from "@/lib/useapi/connection-of";
import { stopKlingTask } from "@/lib/useapi/stop-kling-task";

export interface UpstreamTask {
  /** The cancelled task's error: it may still run at Kling. */
  cancelMessage: string;
  /** useapi stops tracking it (DELETE /v1/kling/scheduler/{id}). */
  stop(): Promise<void>;
}

/**
 * The upstream side of a task about to be cancelled, when it already runs at Kling through
 * useapi.net; null otherwise. (A task cancelled before its upstream id came back is stopped by
 * the worker that submitted it.)
 */
export async function findUpstreamTask(taskId: number): Promise<UpstreamTask | null> {
  const task = await prisma.task.findUnique({ where: { id: taskId }, include: { account: true } });
  const upstreamId = task?.upstreamTaskId;
  if (!task || !upstreamId || task.account.provider !== "useapi") return null;
  return {
    cancelMessage: `The task was cancelled. It was already running at Kling as task ${upstreamId}: useapi.net stopped following it, but Kling may still finish it (and count it against the Kling account's credits).`,
    stop: async () => stopKlingTask(connectionOf(task.account), upstreamId),
  };
}
