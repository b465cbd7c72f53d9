import { getRequestBaseUrl } from "@/lib/api/request-base-url";
import { findTask } from "@/lib/api/tasks/find-task";
import { type TaskResponse, taskQuerySchema } from "@/lib/api/tasks/schemas";
import { serializeTask } from "@/lib/api/tasks/serialize-task";
import { db } from "@/lib/db";

/** GET /v1/kling/tasks/{task_id}[?email=]: the task model. */
export async function getTask(userId: number, rawId: string, searchParams: URLSearchParams): Promise<TaskResponse> {
  const { email } = taskQuerySchema.parse(Object.fromEntries(searchParams));
  const task = await findTask(userId, rawId, email);
  const tasksUsed = await db.task.count({ where: { accountId: task.accountId } });
  return serializeTask(task, { ...task.account, tasksUsed }, await getRequestBaseUrl());
}
