import { env } from "@/lib/env";
import { getBoss, QUEUES } from "../queue";
import { type UseapiPollPayload, useapiPollSchema } from "./definition";

/** Queues the next poll of an upstream task, `afterSeconds` from now (one waiting poll per task attempt). */
export async function sendUseapiPoll(payload: UseapiPollPayload, afterSeconds: number): Promise<void> {
  const boss = await getBoss();
  await boss.send(QUEUES.useapiPoll, useapiPollSchema.parse(payload), {
    singletonKey: `task-${payload.taskId}-${payload.attempt}`,
    startAfter: Math.max(0, Math.round(afterSeconds)),
    retryLimit: 5,
    retryDelay: 5,
    // A poll may end with downloading the result.
    expireInSeconds: env.DOWNLOAD_TIMEOUT_SECONDS * 2 + 120,
  });
}
