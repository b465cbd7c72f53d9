import { listTaskDeliveries } from "@/lib/webhooks/list-deliveries";

/** One webhook delivery as the task page lists it. */
export type TaskDelivery = {
  id: number;
  event: string;
  state: "pending" | "delivered" | "abandoned";
  statusCode: number | null;
  attempts: number;
  lastError: string | null;
  deliveredAt: number | null;
  abandonedAt: number | null;
  nextAttempt: number | null;
};

/** The task's webhook deliveries, oldest first (payloads and per-try detail stay in the API). */
export async function findTaskDeliveries(userId: number, taskId: number): Promise<TaskDelivery[]> {
  const deliveries = await listTaskDeliveries(userId, taskId, { includePayload: false });
  return deliveries.map((d) => ({
    id: d.id,
    event: d.event,
    state: d.state,
    statusCode: d.statusCode,
    attempts: d.attempts,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt,
    abandonedAt: d.abandonedAt,
    nextAttempt: d.nextAttempt,
  }));
}
