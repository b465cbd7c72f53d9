import { findTaskWithUsage } from "@/lib/api/tasks/find-task-with-usage";
import { type TaskResponse, taskQuerySchema } from "@/lib/api/tasks/schemas";
import { serializeTask } from "@/lib/api/tasks/serialize-task";

/** GET /v1/kling/tasks/{task_id}[?email=]: the task model, its links under `baseUrl`. */
export async function getTask(userId: number, rawId: string, searchParams: URLSearchParams, baseUrl: string): Promise<TaskResponse> {
  const { email } = taskQuerySchema.parse(Object.fromEntries(searchParams));
  const { task, account } = await findTaskWithUsage(userId, rawId, email);
  return serializeTask(task, account, baseUrl);
}
