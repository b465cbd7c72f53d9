"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/require-user";
import { type ActionResult, runStudioAction } from "@/lib/studio/run-studio-action";
import { createShareLink } from "@/lib/studio/share/create-share-link";
import { renewShareLink } from "@/lib/studio/share/renew-share-link";
import { revokeShareLink } from "@/lib/studio/share/revoke-share-link";
import type { ShareView } from "@/lib/studio/share/schemas";
import { setShareOriginal } from "@/lib/studio/share/set-share-original";
import { deleteStudioTask } from "@/lib/studio/task-detail/delete-studio-task";

const taskInput = z.object({ taskId: z.number().int().positive() });
const originalInput = taskInput.extend({ includeOriginal: z.boolean() });

/** Runs `work` for the signed-in user; expected failures come back as messages the page shows. */
async function run<T>(work: (userId: number) => Promise<T>): Promise<ActionResult<T>> {
  const user = await requireUser();
  return runStudioAction(() => work(user.id));
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
