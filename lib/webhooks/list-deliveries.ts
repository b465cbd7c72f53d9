import { prisma } from "@/lib/db";

export interface WebhookAttemptView {
  attemptedAt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDeliveryView {
  id: number;
  taskId: number;
  event: string;
  url: string;
  /** pending (will be tried, or retried at nextAttempt), delivered, or abandoned. */
  state: "pending" | "delivered" | "abandoned";
  attempts: number;
  statusCode: number | null;
  lastError: string | null;
  createdAt: number;
  nextAttempt: number | null;
  deliveredAt: number | null;
  abandonedAt: number | null;
  tries: WebhookAttemptView[];
  /** The JSON body that was (or will be) posted. */
  payload: unknown;
}

/**
 * The callbacks of one task of the user, oldest first, each with every attempt (for the API's
 * listing). Empty when the task has none or is not the user's.
 */
export async function listTaskDeliveries(userId: number, taskId: number, options: { includePayload?: boolean } = {}): Promise<WebhookDeliveryView[]> {
  const deliveries = await prisma.webhookDelivery.findMany({
    where: { userId, taskId },
    include: { tries: { orderBy: { id: "asc" } } },
    orderBy: { id: "asc" },
  });
  return deliveries.map((delivery) => ({
    id: delivery.id,
    taskId: delivery.taskId,
    event: delivery.event,
    url: delivery.url,
    state: delivery.deliveredAt ? "delivered" : delivery.abandonedAt ? "abandoned" : "pending",
    attempts: delivery.attempts,
    statusCode: delivery.statusCode,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.getTime(),
    nextAttempt: delivery.deliveredAt || delivery.abandonedAt ? null : delivery.nextAttempt.getTime(),
    deliveredAt: delivery.deliveredAt?.getTime() ?? null,
    abandonedAt: delivery.abandonedAt?.getTime() ?? null,
    tries: delivery.tries.map((attempt) => ({
      attemptedAt: attempt.attemptedAt.getTime(),
      statusCode: attempt.statusCode,
      error: attempt.error,
      durationMs: attempt.durationMs,
    })),
    payload: options.includePayload === false ? undefined : delivery.payload,
  }));
}
