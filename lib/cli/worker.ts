/**
 * `npm run worker`: runs lip-sync tasks from the queue until SIGINT or SIGTERM (running tasks get
 * SHUTDOWN_GRACE_SECONDS to finish, then go back to the queue). Start as many as
 * you like, on as many machines, all with the same DATABASE_URL and storage (DATA_DIR): each
 * takes WORKER_CONCURRENCY tasks at a time, accounts never run more than their maxJobs at once,
 * and a worker that dies mid-task has its task picked up by another. Each worker also delivers
 * webhook callbacks and, now and then, requeues tasks that lost their job.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../log/logger";
import type { z } from "zod";
import type { WorkerJob } from "../jobs/worker-jobs";
import { loadEnv } from "./load-env";

const STOP_TIMEOUT_MS = 20_000;

/** Set once the logger exists; until then (a bad environment) errors go to stderr as they are. */
let log: Logger | undefined;

async function main(): Promise<number> {
  const env = await loadEnv();
  if (!env) return 1;
  const { ensureDatabase, migrateDatabase, releaseDatabase } = await import("../database/embedded");
  const { unappliedMigrations } = await import("../database/migrate");
  const { disconnectPrisma } = await import("../db");
  const { getBoss, stopBoss, QUEUES } = await import("../jobs/queue");
  const { LIPSYNC_WORKER_JOB, LIPSYNC_DEAD_WORKER_JOB, USEAPI_POLL_WORKER_JOB, PREVIEW_WORKER_JOB } = await import("../jobs/worker-jobs");
  const { requeuePreviews } = await import("../jobs/previews/requeue-previews");
  const { stopAcceptingTasks } = await import("../jobs/lipsync/handle-lipsync-task");
  const { stopAllRuns } = await import("../jobs/lipsync/task-run");
  const { reconcileTasks } = await import("../jobs/lipsync/reconcile-tasks");
  const { cleanWorkFolders } = await import("../jobs/lipsync/clean-work-folders");
  const { cleanOrphanFiles } = await import("../jobs/clean-orphan-files");
  const { deliverDueWebhooks } = await import("../webhooks/deliver-webhooks");
  const { workerEngine, closeWorkerEngine } = await import("../jobs/lipsync/worker-engine");
  const { registerTaskMetrics } = await import("../metrics/task-metrics");
  const { startMetricsServer } = await import("../metrics/start-metrics-server");
  const workerLog = (await import("../log/logger")).logger.child({ role: "worker" });
  log = workerLog;
  const info = (line: string) => workerLog.info(line);

  const url = await ensureDatabase(info);
  if ((await unappliedMigrations(url)).length > 0) await migrateDatabase(url, info);
  const boss = await getBoss("worker");
  // The face models load now, not when the first task arrives.
  workerEngine();
  registerTaskMetrics();
  const metricsServer = env.WORKER_METRICS_PORT ? await startMetricsServer(env.WORKER_METRICS_PORT, workerLog) : undefined;
  // Leftovers of killed workers, also of tasks that end later without this worker (given up, cancelled).
  const cleanWork = async () => {
    const cleaned = await cleanWorkFolders(env.DATA_DIR);
    if (cleaned.tasks.length) info(`removed the work folders of finished tasks ${cleaned.tasks.join(", ")}`);
    if (cleaned.previews.length) info(`removed the work folders of previews no longer pending: ${cleaned.previews.join(", ")}`);
  };
  await cleanWork();

  let stopping = false;
  const wakeUp = new AbortController();
  const loops: Promise<void>[] = [];
  const every = (ms: number, what: string, fn: () => Promise<boolean | void>) => {
    loops.push(
      (async () => {
        while (!stopping) {
          let again = false;
          try {
            again = (await fn()) === true;
          } catch (error) {
            workerLog.error({ err: error }, `${what} failed`);
          }
          if (!again && !stopping) await sleep(ms, undefined, { signal: wakeUp.signal }).catch(() => undefined);
        }
      })(),
    );
  };

  // Handlers running now (a shutdown waits for them).
  const running = new Set<Promise<void>>();
  const work = async <Schema extends z.ZodType>({ definition, handler }: WorkerJob<Schema>) => {
    const id: string = await boss.work(definition.queue, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async (jobs) => {
      for (const job of jobs) {
        const payload = definition.schema.safeParse(job.data);
        if (!payload.success) {
          workerLog.error({ jobId: job.id, queue: definition.queue }, "job with an invalid payload dropped");
          continue;
        }
        const run = handler(payload.data, { retried: job.retryCount > 0 });
        running.add(run);
        await run.finally(() => running.delete(run));
      }
      // pg-boss waits out the polling interval after every job, even with more waiting: a slot
      // would drain tasks that end at once (failing inputs) one a second. Fetch again now instead.
      if (!stopping) boss.notifyWorker(id);
    });
  };
  for (let i = 0; i < env.WORKER_CONCURRENCY; i++) await work(LIPSYNC_WORKER_JOB);
  await work(LIPSYNC_DEAD_WORKER_JOB);
  // Polls of tasks at useapi.net are light: many at once, beside the engine's slots.
  for (let i = 0; i < 2; i++) {
    await boss.work(USEAPI_POLL_WORKER_JOB.definition.queue, { batchSize: 10, pollingIntervalSeconds: 1 }, async (jobs) => {
      await Promise.all(jobs.map((job) => USEAPI_POLL_WORKER_JOB.handler(USEAPI_POLL_WORKER_JOB.definition.schema.parse(job.data), { retried: false })));
    });
  }
  await work(PREVIEW_WORKER_JOB);

  every(1000, "webhooks", async () => (await deliverDueWebhooks({ allowPrivate: env.ALLOW_PRIVATE_URLS })) > 0);
  const reconcileEvery = Math.min(15, Math.max(2, Math.floor(env.WORKER_STALE_SECONDS / 4))) * 1000;
  every(reconcileEvery, "reconcile", async () => {
    const report = await reconcileTasks({ staleSeconds: env.WORKER_STALE_SECONDS });
    if (report.retried.length) info(`tasks whose worker went silent, retried: ${report.retried.join(", ")}`);
    if (report.requeued.length) info(`tasks without a job, queued again: ${report.requeued.join(", ")}`);
    if (report.abandoned.length) info(`tasks out of attempts, failed: ${report.abandoned.join(", ")}`);
    await cleanWork();
  });

  every(60_000, "previews", async () => void (await requeuePreviews()));

  // A file is stored before its row; an upload's row can wait for the rest of its request (UPLOAD_TIMEOUT_SECONDS).
  every(10 * 60_000, "orphan files", async () => {
    const report = await cleanOrphanFiles(env.UPLOAD_TIMEOUT_SECONDS + 600);
    if (report.files.length || report.partials) {
      info(`removed ${report.files.length} stored file(s) without an asset and ${report.partials} abandoned partial write(s)`);
    }
  });

  info(
    `ready: ${env.WORKER_CONCURRENCY} task(s) at a time, time limit ${env.JOB_TIMEOUT_SECONDS} s, ` +
      `stale after ${env.WORKER_STALE_SECONDS} s${env.ALLOW_PRIVATE_URLS ? ", private URLs allowed" : ""}` +
      (metricsServer ? `, metrics on port ${env.WORKER_METRICS_PORT}` : ""),
  );

  const signals = new AbortController();
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  // A second signal during the grace period hands the running tasks back at once.
  for (const name of ["SIGINT", "SIGTERM"] as const) process.once(name, () => signals.abort());
  stopping = true;
  wakeUp.abort();
  stopAcceptingTasks();
  await boss.offWork(QUEUES.lipsync).catch(() => undefined);
  await boss.offWork(QUEUES.preview).catch(() => undefined);
  if (running.size > 0) {
    info(`${signal}: taking no more tasks; ${running.size} running task(s) get ${env.SHUTDOWN_GRACE_SECONDS} s to finish`);
    const graceOver = sleep(env.SHUTDOWN_GRACE_SECONDS * 1000, "grace over", { signal: signals.signal }).catch(() => "signal");
    const ended = await Promise.race([Promise.allSettled([...running]).then(() => "ended"), graceOver]);
    if (ended !== "ended") info(`${stopAllRuns()} running task(s) handed back to the queue (${ended === "signal" ? "second signal" : "grace period over"})`);
  } else {
    info(`${signal}: stopping (no task running)`);
  }
  await stopBoss(STOP_TIMEOUT_MS).catch((error: Error) => workerLog.error({ err: error }, "stopping the queue failed"));
  await Promise.all(loops);
  await closeWorkerEngine();
  await new Promise((resolve) => (metricsServer ? metricsServer.close(resolve) : resolve(undefined)));
  await disconnectPrisma();
  await releaseDatabase(info);
  info("stopped");
  return 0;
}

process.on("unhandledRejection", (reason) => {
  if (log) log.error({ err: reason }, "unhandled rejection");
  else console.error("unhandled rejection:", reason);
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (log) log.fatal({ err: error }, "worker stopped by an error");
    else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
