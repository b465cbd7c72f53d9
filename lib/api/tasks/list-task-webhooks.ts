import { findTask } from "@/lib/api/tasks/find-task";
import { taskQuerySchema, type TaskWebhooksResponse } from "@/lib/api/tasks/schemas";
import { listTaskDeliveries } from "@/lib/webhooks/list-deliveries";

/** GET /v1/kling/tasks/{task_id}/webhooks[?email=]: the task's callbacks and every attempt; 404 when not the user's. */
export async function listTaskWebhooks(userId: number, rawId: string, searchParams: URLSearchParams): Promise<TaskWebhooksResponse> {
  const { email } = taskQuerySchema.parse(Object.fromEntries(searchParams));
  const task = await findTask(userId, rawId, email);
  return { deliveries: await listTaskDeliveries(userId, task.id) };
}
