/**
 * The durable job queue: pg-boss on the app's own PostgreSQL (schema "pgboss"). Every process
 * that sends jobs (the API) or works them (npm run worker) shares one instance per process.
 */
import { setTimeout as sleep } from "node:timers/promises";
import PgBoss from "pg-boss";
import { logger } from "@/lib/log/logger";

/** Queue names. pg-boss 10 needs each queue created (createQueue) before send or work. */
export const QUEUES = {
  /** One job per lip-sync task attempt chain: { taskId }. */
  lipsync: "lipsync-task",
  /** Lip-sync jobs that failed every retry land here; their handler fails the task. */
  lipsyncDead: "lipsync-task-dead",
  /** Polls of tasks running at useapi.net: { taskId, attempt, polls }; light, no engine slot. */
  useapiPoll: "useapi-poll",
  /** One job per uploaded video: { assetId }, its browser-playable preview and poster. */
  preview: "media-preview",
} as const;

export const PGBOSS_SCHEMA = "pgboss";

/** PostgreSQL's SQLSTATE for a transaction it aborted to break a deadlock. */
const DEADLOCK_DETECTED = "40P01";

export type BossRole = "client" | "worker";

const holder = globalThis as unknown as { __lipsyncBoss?: { role: BossRole; boss: Promise<PgBoss> } };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the job queue needs the app's PostgreSQL database.");
  return url;
}

/**
 * The process's started pg-boss instance. "client" (the API) only sends; "worker" also runs
 * pg-boss maintenance: expiring jobs whose worker died (then retried) and archiving old jobs.
 */
export function getBoss(role: BossRole = "client"): Promise<PgBoss> {
  const current = holder.__lipsyncBoss;
  if (current && (current.role === role || role === "client")) return current.boss;
  if (current) throw new Error("The job queue was started as a client before the worker asked for it.");
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    schema: PGBOSS_SCHEMA,
    application_name: `lipsync-${role}`,
    max: role === "worker" ? 6 : 3,
    supervise: role === "worker",
    schedule: false,
    // Expire (then retry) jobs of dead workers within 15 s of their expireInSeconds.
    maintenanceIntervalSeconds: 15,
    // Keep finished jobs a day, then archive; drop archived ones after a week.
    archiveCompletedAfterSeconds: 24 * 3600,
    archiveFailedAfterSeconds: 7 * 24 * 3600,
    deleteAfterDays: 7,
  });
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
  const started = (async () => {
    await boss.start();
    await createQueues(boss);
    return boss;
  })();
  started.catch(() => {
    if (holder.__lipsyncBoss?.boss === started) holder.__lipsyncBoss = undefined;
  });
  holder.__lipsyncBoss = { role, boss: started };
  return started;
}

/**
 * Creates the queues when missing (dead-letter queue first: the main queue's jobs reference it).
 * Processes starting together on a fresh database can deadlock in PostgreSQL while each creates a
 * queue's partition; creating a queue is idempotent, so the one PostgreSQL aborted tries again.
 */
async function createQueues(boss: PgBoss): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(QUEUES.lipsyncDead);
      await boss.createQueue(QUEUES.lipsync);
      // stately: at most one waiting and one running poll per singletonKey (task and attempt).
      await boss.createQueue(QUEUES.useapiPoll, { name: QUEUES.useapiPoll, policy: "stately" });
      // short: a second job for the same asset (singletonKey) is dropped while one waits. Not
      // stately: the job of a killed worker stays active until it expires, and would hold back
      // the one queued again for minutes (the handler skips a preview already made).
      await boss.createQueue(QUEUES.preview, { name: QUEUES.preview, policy: "short" });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= 5) throw error;
      await sleep(100 * attempt + Math.random() * 100);
    }
  }
}

/**
 * Stops the process's pg-boss instance: no new jobs are fetched, active jobs get up to
 * `timeoutMs` to finish (they may still send jobs meanwhile), then the connections close.
 */
export async function stopBoss(timeoutMs = 10_000): Promise<void> {
  const current = holder.__lipsyncBoss;
  if (!current) return;
  const boss = await current.boss.catch(() => undefined);
  await boss?.stop({ graceful: true, wait: true, timeout: timeoutMs });
  if (holder.__lipsyncBoss === current) holder.__lipsyncBoss = undefined;
}
