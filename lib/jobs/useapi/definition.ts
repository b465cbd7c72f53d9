import { z } from "zod";
import { env } from "@/lib/env";
import { QUEUES } from "../queue";

export const useapiPollSchema = z.object({
  taskId: z.number().int().positive(),
  /** The task attempt that submitted; a poll of an older attempt stops. */
  attempt: z.number().int().positive(),
  polls: z.number().int().min(0).default(0),
});

export type UseapiPollPayload = z.output<typeof useapiPollSchema>;

export const USEAPI_POLL_JOB_DEFINITION = { id: QUEUES.useapiPoll, queue: QUEUES.useapiPoll, schema: useapiPollSchema } as const;

/** Where the task is told it may still run at Kling after useapi stops tracking it. */
export const KLING_REPLY_REF_PREFIX = "lipsync-task-";

/**
 * Seconds before the next poll: 2 s, then half as long again each time, up to 20 s (and under half
 * WORKER_STALE_SECONDS, so a followed task never looks abandoned to the reconciler).
 */
export function pollDelaySeconds(polls: number): number {
  const cap = Math.max(2, Math.min(20, Math.floor(env.WORKER_STALE_SECONDS / 2) - 1));
  return Math.min(cap, Math.round(2 * 1.5 ** polls));
}
