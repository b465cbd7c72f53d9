import { prisma } from "@/lib/db";
import { getBoss, PGBOSS_SCHEMA, QUEUES } from "../queue";
import { LIPSYNC_RETRY_LIMIT } from "./definition";
import { sendLipsyncJob } from "./enqueue-lipsync-task";
import { failAbandonedTask, TASK_STATUS } from "./task-state";

/** Second key of the advisory lock that lets one worker at a time reconcile. */
const RECONCILE_LOCK: [number, number] = [0x4c53, -1];

export interface ReconcileReport {
  /** Processing tasks whose worker went silent: their job was failed so pg-boss retries it now. */
  retried: number[];
  /** Tasks that had no job at all (never queued, or lost): queued again. */
  requeued: number[];
  /** Tasks that used up their attempts without a worker finishing them: failed. */
  abandoned: number[];
}

interface JobRow {
  id: string;
  name: string;
  state: string;
  taskId: string;
  /** The task attempt a useapi poll follows (null for lip-sync jobs). */
  attempt: string | null;
  /** Started (fetched by a worker) within the last staleSeconds. */
  fresh: boolean;
}

/**
 * The safety net that keeps every task moving, run by each worker now and then (one at a time):
 * - a processing task whose worker stopped reporting for `staleSeconds` (killed, crashed, lost
 *   its network) gets its active job failed, so pg-boss retries it on a live worker now instead
 *   of when the job expires; without any job it is queued again, or failed once it has used its
 *   attempts;
 * - a task followed at useapi.net is alive while a poll of its attempt waits (a busy worker may
 *   fetch it late); a poll stuck on a silent worker is failed so pg-boss retries it, which keeps
 *   the attempt instead of using another one, or cancelled when it had queued the next poll;
 * - a submitted task without a job for `orphanSeconds` (the API saved it but could not queue
 *   it) is queued.
 */
export async function reconcileTasks(options: { staleSeconds: number; orphanSeconds?: number }): Promise<ReconcileReport> {
  const { staleSeconds, orphanSeconds = 60 } = options;
  const report: ReconcileReport = { retried: [], requeued: [], abandoned: [] };
  const boss = await getBoss();
  await prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${RECONCILE_LOCK[0]}::integer, ${RECONCILE_LOCK[1]}::integer) AS locked`;
      if (!lock?.locked) return;
      const candidates = await tx.$queryRaw<{ id: number; status: number; attempt: number }[]>`
        SELECT id, status, attempt FROM "Task"
        WHERE (status = ${TASK_STATUS.processing} AND "updatedAt" < now() - make_interval(secs => ${staleSeconds}::double precision))
           OR (status = ${TASK_STATUS.submitted} AND "updatedAt" < now() - make_interval(secs => ${orphanSeconds}::double precision))
        ORDER BY id LIMIT 500`;
      if (candidates.length === 0) return;
      const { rows } = await boss.getDb().executeSql(
        `SELECT id, name, state, data->>'taskId' AS "taskId", data->>'attempt' AS attempt, started_on > now() - make_interval(secs => $3::double precision) AS fresh
         FROM ${PGBOSS_SCHEMA}.job
         WHERE name = ANY($1::text[]) AND state < 'completed' AND data->>'taskId' = ANY($2::text[])`,
        [[QUEUES.lipsync, QUEUES.lipsyncDead, QUEUES.useapiPoll], candidates.map((task) => String(task.id)), staleSeconds],
      );
      const jobsOf = new Map<number, JobRow[]>();
      for (const row of rows as JobRow[]) jobsOf.set(Number(row.taskId), [...(jobsOf.get(Number(row.taskId)) ?? []), row]);

      for (const task of candidates) {
        const all = jobsOf.get(task.id) ?? [];
        const polls = all.filter((job) => job.name === QUEUES.useapiPoll && Number(job.attempt) === task.attempt);
        const stuck = polls.filter((job) => job.state === "active" && !job.fresh);
        const next = polls.some((job) => job.state !== "active");
        for (const job of stuck) {
          // The queue is stately: a stuck poll holds its attempt's one active place, so a next
          // poll it queued before dying could not start until the stuck one expired. It goes.
          if (next) await boss.cancel(QUEUES.useapiPoll, job.id);
          else await boss.fail(QUEUES.useapiPoll, job.id, { message: `worker stopped reporting for ${staleSeconds} s` });
        }
        if (stuck.length > 0) report.retried.push(task.id);
        if (polls.length > 0) continue;
        const jobs = all.filter((job) => job.name !== QUEUES.useapiPoll);
        const active = jobs.filter((job) => job.name === QUEUES.lipsync && job.state === "active");
        // A job a live worker fetched moments ago, before its claim marked the task: not a silent worker's.
        if (active.some((job) => job.fresh)) continue;
        if (task.status === TASK_STATUS.processing && active.length > 0) {
          for (const job of active) {
            await boss.fail(QUEUES.lipsync, job.id, { message: `worker stopped reporting for ${staleSeconds} s` });
          }
          report.retried.push(task.id);
        } else if (jobs.length === 0) {
          if (task.status === TASK_STATUS.processing && task.attempt >= 1 + LIPSYNC_RETRY_LIMIT) {
            if (await failAbandonedTask(task.id)) report.abandoned.push(task.id);
          } else {
            await sendLipsyncJob(task.id);
            report.requeued.push(task.id);
          }
        }
      }
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return report;
}
