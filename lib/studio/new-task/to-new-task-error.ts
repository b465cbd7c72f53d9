import { RESOURCE_NOT_FOUND, toApiError } from "@/lib/api/errors";
import type { NewTaskField } from "./parse-new-task-input";

const FIELD_LABELS: Record<NewTaskField, string> = {
  video: "The video",
  audio: "The audio",
  replyUrl: "The webhook URL",
  email: "The account",
};

/**
 * An error of submitLipsyncTask as the form shows it: the API's message (it already says what to
 * fix) worded for people, and the field it concerns. Unknown errors are logged and hidden.
 */
export function toNewTaskError(error: unknown): { error: string; field?: NewTaskField } {
  const { message } = toApiError(error);
  if (message === RESOURCE_NOT_FOUND) {
    return { error: "An uploaded file is no longer available (it may have been deleted). Choose it again and retry." };
  }
  // "Parameter video is 72 s long..." reads "The video is 72 s long..."; "Parameter video: <sentence>" is the sentence.
  const parameter = /^Parameter (video|audio|replyUrl|email)\b(: )?/.exec(message);
  if (parameter) {
    const field = parameter[1] as NewTaskField;
    const rest = message.slice(parameter[0].length);
    return { field, error: parameter[2] ? rest : FIELD_LABELS[field] + rest };
  }
  if (/^Account \S+ is not configured/.test(message)) return { field: "email", error: message };
  return { error: message.replace(/\(DELETE \/v1\/kling\/tasks\/\{task_id\}\)/, "in History") };
}
