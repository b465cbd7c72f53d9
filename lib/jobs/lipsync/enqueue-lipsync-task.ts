import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { recordDelivery } from "@/lib/webhooks/record-delivery";
import { getBoss, QUEUES } from "../queue";
import { lipsyncJobSchema, lipsyncSendOptions } from "./definition";

/**
 * Queues a task the API has just saved (status submitted): its "submitted" callback is stored,
 * then a job is sent. Throws when the queue cannot be reached; the task row then has no job
 * (the API deletes it; a worker's reconciler would otherwise queue it within a minute).
 */
export async function enqueueLipsyncTask(taskId: number): Promise<void> {
  const task = await prisma.task.findUnique({ where: { id: taskId } });
  if (!task) throw new Error(`Task ${taskId} does not exist: save it before queueing it.`);
  if (task.replyUrl) {
    await prisma.$transaction(async (tx) => {
      const recorded = await tx.webhookDelivery.count({ where: { taskId, event: "submitted" } });
      if (recorded === 0) await recordDelivery(tx, task, "submitted");
    });
  }
  await sendLipsyncJob(taskId);
}

/** Sends one job for the task, optionally not before `startAfterSeconds`. */
export async function sendLipsyncJob(taskId: number, startAfterSeconds?: number): Promise<string | null> {
  const boss = await getBoss();
  const payload = lipsyncJobSchema.parse({ taskId });
  return boss.send(QUEUES.lipsync, payload, lipsyncSendOptions(env.JOB_TIMEOUT_SECONDS, startAfterSeconds));
}
