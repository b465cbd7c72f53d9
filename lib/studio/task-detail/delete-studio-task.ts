import { deleteTask } from "@/lib/api/tasks/delete-task";

/**
 * Deletes the user's task with its result files; a waiting or running task is cancelled first
 * (its worker stops and keeps nothing). Throws not_found for a task that is not the user's.
 */
export async function deleteStudioTask(userId: number, taskId: number): Promise<void> {
  const cancelled = await deleteTask(userId, String(taskId), new URLSearchParams());
  if (cancelled) await deleteTask(userId, String(taskId), new URLSearchParams());
}
