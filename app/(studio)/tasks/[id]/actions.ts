"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { requireUser } from "@/lib/auth/require-user";
import { createShareLink } from "@/lib/studio/share/create-share-link";
import { renewShareLink } from "@/lib/studio/share/renew-share-link";
import { revokeShareLink } from "@/lib/studio/share/revoke-share-link";
import type { ShareView } from "@/lib/studio/share/schemas";
import { setShareOriginal } from "@/lib/studio/share/set-share-original";
import { deleteStudioTask } from "@/lib/studio/task-detail/delete-studio-task";

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: string };

const taskInput = z.object({ taskId: z.number().int().positive() });
const originalInput = taskInput.extend({ includeOriginal: z.boolean() });

/** Runs `work` for the signed-in user; expected failures come back as messages the page shows. */
async function run<T>(work: (userId: number) => Promise<T>): Promise<ActionResult<T>> {
  const user = await requireUser();
  try {
    return { ok: true, value: await work(user.id) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.message };
    if (error instanceof z.ZodError) return { ok: false, error: "The request was not valid. Reload the page and try again." };
    throw error;
  }
}

export async function createShareAction(input: { taskId: number }): Promise<ActionResult<ShareView>> {
  return run((userId) => createShareLink(userId, taskInput.parse(input).taskId));
}

export async function revokeShareAction(input: { taskId: number }): Promise<ActionResult<null>> {
  return run(async (userId) => {
    await revokeShareLink(userId, taskInput.parse(input).taskId);
    return null;
  });
}

export async function renewShareAction(input: { taskId: number }): Promise<ActionResult<ShareView>> {
  return run((userId) => renewShareLink(userId, taskInput.parse(input).taskId));
}

export async function setShareOriginalAction(input: { taskId: number; includeOriginal: boolean }): Promise<ActionResult<ShareView>> {
  return run((userId) => {
    const { taskId, includeOriginal } = originalInput.parse(input);
    return setShareOriginal(userId, taskId, includeOriginal);
  });
}

/** Deletes the task (cancelling it first if it runs) and goes back to the history. */
export async function deleteTaskAction(input: { taskId: number }): Promise<ActionResult<never>> {
  const result = await run((userId) => deleteStudioTask(userId, taskInput.parse(input).taskId));
  if (!result.ok) return result;
  revalidatePath("/tasks");
  redirect("/tasks");
}
