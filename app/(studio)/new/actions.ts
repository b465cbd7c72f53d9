"use server";

import { requireUser } from "@/lib/auth/require-user";
import { checkNewTaskLinks, type LinkCheckResult } from "@/lib/studio/new-task/check-new-task-links";
import { type NewTaskResult, submitNewTask } from "@/lib/studio/new-task/submit-new-task";

/** Creates and queues a lip-sync task from the new-task form (files are uploaded before, to /v1/kling/assets). */
export async function createLipsyncTask(input: unknown): Promise<NewTaskResult> {
  const user = await requireUser();
  return submitNewTask(user.id, input, AbortSignal.timeout(120_000));
}

/** Checks the form's links before its files are uploaded (a refused link must not leave an upload behind). */
export async function checkNewTaskLinksAction(links: unknown): Promise<LinkCheckResult> {
  const user = await requireUser();
  return checkNewTaskLinks(user.id, links);
}
