import { prisma } from "@/lib/db";
import { connectionOf } from "@/lib/useapi/connection-of";
import { stopKlingTask } from "@/lib/useapi/stop-kling-task";

/**
 * A cancelled task that was running at useapi.net: useapi stops tracking it (DELETE
 * /v1/kling/scheduler/{id}) and the task's error says that Kling may still finish it. A task
 * cancelled before its id came back is stopped by the worker that submitted it.
 */
export async function stopUpstreamTracking(taskId: number): Promise<void> {
  const task = await prisma.task.findUnique({ where: { id: taskId }, include: { account: true } });
  if (!task?.upstreamTaskId || task.account.provider !== "useapi") return;
  await prisma.task.update({
    where: { id: taskId },
    data: {
      error: `The task was cancelled. It was already running at Kling as task ${task.upstreamTaskId}: useapi.net stopped following it, but Kling may still finish it (and count it against the Kling account's credits).`,
    },
  });
  await stopKlingTask(connectionOf(task.account), task.upstreamTaskId);
}
