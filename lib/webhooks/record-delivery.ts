import { getPublicBaseUrl } from "@/lib/api/public-base-url";
import { serializeTask, type SerializableTask } from "@/lib/api/tasks/serialize-task";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What a callback announces: a status (the task's new status) or a progress milestone. */
export type WebhookEvent = "submitted" | "processing" | "progress" | "succeed" | "failed";

/** Progress milestones (percent) announced while a task runs, once each. */
export const PROGRESS_MILESTONES = [25, 50, 75] as const;

type Tx = Prisma.TransactionClient;

/**
 * Queues one callback to the task's replyUrl (nothing when it has none): the task model, as GET
 * /tasks/{id} shows it now, with replyRef. Call it in the transaction that changed the task, so
 * the callbacks of a task are stored, and so delivered, in the order of its changes; the worker's
 * dispatcher sends them (lib/webhooks/deliver-webhooks.ts).
 */
export async function recordDelivery(
  tx: Tx,
  task: SerializableTask & { accountId: number },
  event: WebhookEvent,
): Promise<void> {
  if (!task.replyUrl) return;
  const account = await tx.account.findUniqueOrThrow({ where: { id: task.accountId } });
  const tasksUsed = await tx.task.count({ where: { accountId: task.accountId } });
  const payload = serializeTask(task, { ...account, tasksUsed }, getPublicBaseUrl());
  await tx.webhookDelivery.create({
    data: {
      taskId: task.id,
      userId: task.userId,
      url: task.replyUrl,
      event,
      payload: payload as unknown as Prisma.InputJsonValue,
    },
  });
}

/** The milestone a task at `percent` reached beyond the `announced` ones, if any. */
export function nextMilestone(percent: number, announced: number): number | null {
  const milestone = PROGRESS_MILESTONES[announced];
  return milestone !== undefined && percent >= milestone ? milestone : null;
}
