/**
 * `npm run worker`: runs lip-sync tasks from the queue until SIGINT or SIGTERM. Start as many as
 * you like, on as many machines, all with the same DATABASE_URL and storage (DATA_DIR): each
 * takes WORKER_CONCURRENCY tasks at a time, accounts never run more than their maxJobs at once,
 * and a worker that dies mid-task has its task picked up by another. Each worker also delivers
 * webhook callbacks and, now and then, requeues tasks that lost their job.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { loadEnv } from "./load-env";

const STOP_TIMEOUT_MS = 20_000;

async function main(): Promise<number> {
  const env = await loadEnv();
  if (!env) return 1;
  const { ensureDatabase, migrateDatabase, releaseDatabase } = await import("../database/embedded");
  const { unappliedMigrations } = await import("../database/migrate");
  const { disconnectPrisma } = await import("../db");
  const { getBoss, stopBoss, QUEUES } = await import("../jobs/queue");
  const { LIPSYNC_WORKER_JOB, LIPSYNC_DEAD_WORKER_JOB } = await import("../jobs/worker-jobs");
  const { stopAcceptingTasks } = await import("../jobs/lipsync/handle-lipsync-task");
  const { stopAllRuns } = await import("../jobs/lipsync/task-run");
  const { reconcileTasks } = await import("../jobs/lipsync/reconcile-tasks");
  const { cleanWorkFolders } = await import("../jobs/lipsync/clean-work-folders");
  const { cleanOrphanFiles } = await import("../jobs/clean-orphan-files");
  const { deliverDueWebhooks } = await import("../webhooks/deliver-webhooks");
  const { workerEngine, closeWorkerEngine } = await import("../jobs/lipsync/worker-engine");

  const log = (line: string) => console.log(`[worker ${process.pid}] ${line}`);
  const url = await ensureDatabase(log);
  if ((await unappliedMigrations(url)).length > 0) await migrateDatabase(url, log);
  const boss = await getBoss("worker");
  // The face models load now, not when the first task arrives.
  workerEngine();
  // Leftovers of killed workers, also of tasks that end later without this worker (given up, cancelled).
  const cleanWork = async () => {
    const cleaned = await cleanWorkFolders(env.DATA_DIR);
    if (cleaned.length) log(`removed the work folders of finished tasks ${cleaned.join(", ")}`);
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
            console.error(`[worker ${process.pid}] ${what}: ${(error as Error).message}`);
          }
          if (!again && !stopping) await sleep(ms, undefined, { signal: wakeUp.signal }).catch(() => undefined);
        }
      })(),
    );
  };

  const work = ({ definition, handler }: typeof LIPSYNC_WORKER_JOB) =>
    boss.work(definition.queue, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async (jobs) => {
      for (const job of jobs) {
        const payload = definition.schema.safeParse(job.data);
        if (!payload.success) {
          console.error(`[worker ${process.pid}] job ${job.id} of ${definition.queue} has an invalid payload; dropped`);
          continue;
        }
        await handler(payload.data, { retried: job.retryCount > 0 });
      }
    });
  for (let i = 0; i < env.WORKER_CONCURRENCY; i++) await work(LIPSYNC_WORKER_JOB);
  await work(LIPSYNC_DEAD_WORKER_JOB);

  every(1000, "webhooks", async () => (await deliverDueWebhooks({ allowPrivate: env.ALLOW_PRIVATE_URLS })) > 0);
  const reconcileEvery = Math.min(15, Math.max(2, Math.floor(env.WORKER_STALE_SECONDS / 4))) * 1000;
  every(reconcileEvery, "reconcile", async () => {
    const report = await reconcileTasks({ staleSeconds: env.WORKER_STALE_SECONDS });
    if (report.retried.length) log(`tasks whose worker went silent, retried: ${report.retried.join(", ")}`);
    if (report.requeued.length) log(`tasks without a job, queued again: ${report.requeued.join(", ")}`);
    if (report.abandoned.length) log(`tasks out of attempts, failed: ${report.abandoned.join(", ")}`);
    await cleanWork();
  });

  // A file is stored before its row; an upload's row can wait for the rest of its request (UPLOAD_TIMEOUT_SECONDS).
  every(10 * 60_000, "orphan files", async () => {
    const report = await cleanOrphanFiles(env.UPLOAD_TIMEOUT_SECONDS + 600);
    if (report.files.length || report.partials) {
      log(`removed ${report.files.length} stored file(s) without an asset and ${report.partials} abandoned partial write(s)`);
    }
  });

  log(
    `ready: ${env.WORKER_CONCURRENCY} task(s) at a time, time limit ${env.JOB_TIMEOUT_SECONDS} s, ` +
      `stale after ${env.WORKER_STALE_SECONDS} s${env.ALLOW_PRIVATE_URLS ? ", private URLs allowed" : ""}`,
  );

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  log(`${signal}: stopping (running tasks go back to the queue)`);
  stopping = true;
  wakeUp.abort();
  stopAcceptingTasks();
  stopAllRuns();
  await boss.offWork(QUEUES.lipsync).catch(() => undefined);
  await stopBoss(STOP_TIMEOUT_MS).catch((error: Error) => console.error(`[worker ${process.pid}] stopping the queue: ${error.message}`));
  await Promise.all(loops);
  await closeWorkerEngine();
  await disconnectPrisma();
  await releaseDatabase(log);
  log("stopped");
  return 0;
}

process.on("unhandledRejection", (reason) => {
  console.error(`[worker ${process.pid}] unhandled rejection:`, reason);
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[worker ${process.pid}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
