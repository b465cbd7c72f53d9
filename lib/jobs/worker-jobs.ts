/**
 * What a worker runs: each job definition with its handler. Only lib/cli/worker.ts imports this
 * (the handlers load the engine; the API must not).
 */
import type { z } from "zod";
import { LIPSYNC_DEAD_JOB_DEFINITION, LIPSYNC_JOB_DEFINITION } from "./lipsync/definition";
import { USEAPI_POLL_JOB_DEFINITION } from "./useapi/definition";

export interface WorkerJob<Schema extends z.ZodType> {
  definition: { id: string; queue: string; schema: Schema };
  /** `retried`: pg-boss runs this job again (it expired, or it failed before). */
  handler: (payload: z.output<Schema>, job: { retried: boolean }) => Promise<void>;
}

function job<Schema extends z.ZodType>(definition: WorkerJob<Schema>["definition"], handler: WorkerJob<Schema>["handler"]): WorkerJob<Schema> {
  return { definition, handler };
}

export const LIPSYNC_WORKER_JOB = job(LIPSYNC_JOB_DEFINITION, async (payload, meta) => {
  const { handleLipsyncTask } = await import("./lipsync/handle-lipsync-task");
  await handleLipsyncTask(payload, meta);
});

export const LIPSYNC_DEAD_WORKER_JOB = job(LIPSYNC_DEAD_JOB_DEFINITION, async (payload) => {
  const { failAbandonedTask } = await import("./lipsync/task-state");
  await failAbandonedTask(payload.taskId);
});

export const USEAPI_POLL_WORKER_JOB = job(USEAPI_POLL_JOB_DEFINITION, async (payload) => {
  const { pollUseapiTask } = await import("./useapi/poll-useapi-task");
  await pollUseapiTask(payload);
});
