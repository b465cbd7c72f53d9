import { submitLipsyncTask } from "@/lib/api/tasks/submit-lipsync-task";
import { type NewTaskField, parseNewTaskInput } from "./parse-new-task-input";
import { toNewTaskError } from "./to-new-task-error";

export type NewTaskResult = { ok: true; taskId: number } | { ok: false; error: string; field?: NewTaskField };

/** Checks the form's input, then creates and queues the task with every check the API makes. */
export async function submitNewTask(userId: number, input: unknown, signal: AbortSignal = AbortSignal.timeout(120_000)): Promise<NewTaskResult> {
  const parsed = parseNewTaskInput(input);
  if (!parsed.ok) return parsed;
  try {
    const response = await submitLipsyncTask({ userId, fields: parsed.data, uploads: [], signal });
    return { ok: true, taskId: response.task.id };
  } catch (error) {
    return { ok: false, ...toNewTaskError(error) };
  }
}
