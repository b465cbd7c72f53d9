import { deleteAssets } from "@/lib/api/assets/delete-assets";
import { getRequestBaseUrl } from "@/lib/api/request-base-url";
import { findTask } from "@/lib/api/tasks/find-task";
import { findTaskWithUsage } from "@/lib/api/tasks/find-task-with-usage";
import { TASK_STATUS, type TaskResponse, taskQuerySchema } from "@/lib/api/tasks/schemas";
import { serializeTask } from "@/lib/api/tasks/serialize-task";
import { db } from "@/lib/db";
import { cancelLipsyncTask } from "@/lib/jobs/lipsync/cancel-lipsync-task";

/**
 * DELETE /v1/kling/tasks/{task_id}: a waiting or running task is cancelled (it ends failed,
 * errorCode CANCELLED, and the model is returned); a finished task is deleted with its result
 * and cover files (null: answer 204). Uploaded inputs stay: they may serve other tasks.
 */
export async function deleteTask(userId: number, rawId: string, searchParams: URLSearchParams): Promise<TaskResponse | null> {
  const { email } = taskQuerySchema.parse(Object.fromEntries(searchParams));
  const task = await findTask(userId, rawId, email);
  if (task.status === TASK_STATUS.submitted || task.status === TASK_STATUS.processing) {
    await cancelLipsyncTask(task.id);
    const after = await findTaskWithUsage(userId, String(task.id));
    return serializeTask(after.task, after.account, await getRequestBaseUrl());
  }
  await db.task.delete({ where: { id: task.id } });
  await deleteAssets(
    userId,
    [task.resultAssetId, task.coverAssetId].filter((id): id is string => Boolean(id)),
  );
  return null;
}
