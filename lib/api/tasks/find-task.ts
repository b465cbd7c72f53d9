import { ApiError } from "@/lib/api/errors";
import { taskIdSchema } from "@/lib/api/tasks/schemas";
import { db } from "@/lib/db";
import type { Account, Task } from "@/lib/generated/prisma/client";

/**
 * The user's task with this id (optionally of the account `email`), with its account; 404 for
 * a malformed id, a missing task or another user's task alike.
 */
export async function findTask(userId: number, rawId: string, email?: string): Promise<Task & { account: Account }> {
  const id = taskIdSchema.safeParse(rawId);
  const task = id.success
    ? await db.task.findFirst({
        where: { id: id.data, userId, ...(email ? { account: { email } } : {}) },
        include: { account: true },
      })
    : null;
  if (!task) throw taskNotFound(rawId);
  return task;
}

/** The 404 of a task id that is malformed, missing or another user's (one answer for all three). */
export function taskNotFound(rawId: string): ApiError {
  return new ApiError("not_found", `Task ${rawId.slice(0, 20)} was not found. Use the task.id returned by POST /v1/kling/videos/lipsync.`);
}
