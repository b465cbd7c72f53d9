import { Gauge } from "prom-client";
import { TASK_STATUS } from "@/lib/api/tasks/schemas";
import { db } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { singleMetric } from "./registry";

const gauge = (name: string, help: string, labelNames: string[] = []) =>
  singleMetric(name, (registry) => new Gauge({ name, help, labelNames, registers: [registry] }));

const STATUS_NAMES: Record<number, string> = Object.fromEntries(Object.entries(TASK_STATUS).map(([name, code]) => [code, name]));

interface QueueRow {
  status: number;
  tasks: bigint;
  oldest: number | null;
}

/**
 * Sets the figures every worker shares from PostgreSQL, once per scrape: tasks by status, tasks
 * waiting for a worker (status submitted) and how long the oldest of them has waited. Every web
 * server answers the same figures. When the database cannot be read, lipsync_database_up is 0 and
 * the task figures are left out rather than shown stale.
 */
export async function refreshQueueMetrics(): Promise<void> {
  const tasks = gauge("lipsync_tasks", "Tasks in the database by status (every worker and web server).", ["status"]);
  const depth = gauge("lipsync_queue_depth", "Tasks waiting for a worker (status submitted).");
  const oldest = gauge("lipsync_queue_oldest_age_seconds", "How long the oldest waiting task has waited (0 when none waits).");
  const up = gauge("lipsync_database_up", "1 when this scrape could read the task figures from PostgreSQL, else 0.");
  try {
    const rows = await db.$queryRaw<QueueRow[]>`
      SELECT status, count(*) AS tasks, extract(epoch FROM now() - min("createdAt"))::float8 AS oldest
      FROM "Task" GROUP BY status`;
    tasks.reset();
    for (const name of Object.values(STATUS_NAMES)) tasks.set({ status: name }, 0);
    for (const row of rows) tasks.set({ status: STATUS_NAMES[row.status] ?? String(row.status) }, Number(row.tasks));
    const waiting = rows.find((row) => row.status === TASK_STATUS.submitted);
    depth.set(waiting ? Number(waiting.tasks) : 0);
    oldest.set(waiting?.oldest ?? 0);
    up.set(1);
  } catch (error) {
    logger.warn({ err: error }, "metrics: could not read the task figures from the database");
    up.set(0);
    tasks.reset();
    depth.remove();
    oldest.remove();
  }
}
