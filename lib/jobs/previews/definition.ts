import type PgBoss from "pg-boss";
import { z } from "zod";
import { QUEUES } from "../queue";

export const previewJobSchema = z.object({
  assetId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

export type PreviewJobPayload = z.infer<typeof previewJobSchema>;

/** Longest one preview may take (a 60 s 1080p video takes a few seconds); then it fails. */
export const PREVIEW_TIMEOUT_SECONDS = 300;

/** The preview job of an uploaded or downloaded video (handler: handle-preview-job.ts, run by workers). */
export const PREVIEW_JOB_DEFINITION = {
  id: QUEUES.preview,
  queue: QUEUES.preview,
  schema: previewJobSchema,
} as const;

/** One waiting job per asset (the queue is short); a worker that died has its job retried once, or queued again by requeuePreviews. */
export function previewSendOptions(assetId: string): PgBoss.SendOptions {
  return { singletonKey: assetId, retryLimit: 1, retryDelay: 5, expireInSeconds: PREVIEW_TIMEOUT_SECONDS + 30 };
}
