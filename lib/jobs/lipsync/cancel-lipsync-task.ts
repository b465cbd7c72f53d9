import { prisma } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { getBoss, PGBOSS_SCHEMA, QUEUES } from "../queue";
import { cancelTaskRow, TASK_STATUS } from "./task-state";

export interface CancelResult {
  /** True when this call cancelled the task; false when it had already finished. */
  cancelled: boolean;
  /** The task's status after the call (50 when cancelled). */
  status: number;
}

/**
 * Cancels a task. A waiting task is marked failed (errorCode CANCELLED) and its queued jobs are
 * cancelled. A running task is marked the same way at once; its worker notices within a couple
 * of seconds (its next heartbeat no longer matches the row), aborts the engine and writes
 * nothing more. A finished task is left as it is.
 */
export async function cancelLipsyncTask(taskId: number): Promise<CancelResult> {
  const cancelled = await cancelTaskRow(taskId);
  if (cancelled) {
    // Best effort: a queued job left behind would only find a final task and stop.
    await cancelQueuedJobs(taskId).catch((error: Error) => logger.warn({ taskId, err: error }, "could not cancel the task's queued jobs"));
  }
  const task = await prisma.task.findUnique({ where: { id: taskId }, select: { status: true } });
  return { cancelled, status: task?.status ?? TASK_STATUS.failed };
}

async function cancelQueuedJobs(taskId: number): Promise<void> {
  const boss = await getBoss();
  const { rows } = await boss.getDb().executeSql(
    `SELECT id FROM ${PGBOSS_SCHEMA}.job WHERE name = $1 AND state < 'active' AND data->>'taskId' = $2`,
    [QUEUES.lipsync, String(taskId)],
  );
  const ids = rows.map((row: { id: string }) => row.id);
  if (ids.length > 0) await boss.cancel(QUEUES.lipsync, ids);
}
