import type PgBoss from "pg-boss";
import { z } from "zod";
import { QUEUES } from "../queue";

/** Job id (and pg-boss queue) of lip-sync tasks, and the payload every job carries. */
export const LIPSYNC_JOB_ID = QUEUES.lipsync;

export const lipsyncJobSchema = z.object({
  taskId: z.number().int().positive(),
});

export type LipsyncJobPayload = z.infer<typeof lipsyncJobSchema>;

/** Retries of a job whose worker died (expired) or crashed (threw); then it is dead-lettered. */
export const LIPSYNC_RETRY_LIMIT = 2;

/** Seconds between JOB_TIMEOUT_SECONDS (the task is aborted) and pg-boss expiring the job. */
export const EXPIRY_GRACE_SECONDS = 30;

/**
 * pg-boss options of a lip-sync job. The handler aborts the task itself at JOB_TIMEOUT_SECONDS
 * and fails it cleanly ("took too long"); pg-boss expires the job EXPIRY_GRACE_SECONDS later only
 * when the worker died, and then retries it on another worker.
 */
export function lipsyncSendOptions(jobTimeoutSeconds: number, startAfterSeconds?: number): PgBoss.SendOptions {
  return {
    retryLimit: LIPSYNC_RETRY_LIMIT,
    retryDelay: 5,
    retryBackoff: false,
    expireInSeconds: jobTimeoutSeconds + EXPIRY_GRACE_SECONDS,
    deadLetter: QUEUES.lipsyncDead,
    ...(startAfterSeconds ? { startAfter: startAfterSeconds } : {}),
  };
}

/**
 * The lip-sync job: id (= pg-boss queue) and payload schema. The handler lives apart
 * (handle-lipsync-task.ts, registered by lib/jobs/worker-jobs.ts) so that the API, which only
 * sends jobs, never loads the engine.
 */
export const LIPSYNC_JOB_DEFINITION = {
  id: LIPSYNC_JOB_ID,
  queue: QUEUES.lipsync,
  schema: lipsyncJobSchema,
} as const;

/** Lip-sync jobs that used up their retries: their handler fails the task (the worker kept dying on it). */
export const LIPSYNC_DEAD_JOB_DEFINITION = {
  id: QUEUES.lipsyncDead,
  queue: QUEUES.lipsyncDead,
  schema: lipsyncJobSchema,
} as const;
