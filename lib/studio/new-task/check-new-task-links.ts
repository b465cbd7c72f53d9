import { z } from "zod";
import { getRequestBaseUrl } from "@/lib/api/request-base-url";
import { assertFetchableUrl } from "@/lib/api/tasks/assert-fetchable-url";
import { resolveMediaInput } from "@/lib/api/tasks/resolve-media-input";
import { type NewTaskField, parseNewTaskInput } from "./parse-new-task-input";
import type { NewTaskResult } from "./submit-new-task";
import { toNewTaskError } from "./to-new-task-error";

export type LinkCheckResult = { ok: true } | Extract<NewTaskResult, { ok: false }>;

/** The form's links; null for an input sent as a file. */
const linksSchema = z.object({
  video: z.string().nullable(),
  audio: z.string().nullable(),
  replyUrl: z.string().optional(),
});

/** Stands in for a file still to upload, so the shared schema checks the links alone. */
const UPLOAD_PLACEHOLDER = "https://upload.invalid/";

/**
 * The new-task form's links (video, audio, webhook), checked as creating the task will check them,
 * before any file is uploaded: a refused link then leaves no upload behind.
 */
export async function checkNewTaskLinks(userId: number, input: unknown): Promise<LinkCheckResult> {
  const links = linksSchema.safeParse(input);
  if (!links.success) return { ok: false, error: "The form is invalid: reload the page and try again." };
  const { video, audio, replyUrl } = links.data;
  const parsed = parseNewTaskInput({ video: video ?? UPLOAD_PLACEHOLDER, audio: audio ?? UPLOAD_PLACEHOLDER, replyUrl });
  if (!parsed.ok) return parsed;
  let field: NewTaskField = "video";
  try {
    for (const name of ["video", "audio"] as const) {
      field = name;
      if (links.data[name] !== null) await resolveMediaInput({ userId, name, url: parsed.data[name], baseUrl: await getRequestBaseUrl(), uploaded: [] });
    }
    field = "replyUrl";
    if (parsed.data.replyUrl) await assertFetchableUrl("replyUrl", parsed.data.replyUrl);
    return { ok: true };
  } catch (error) {
    const refusal = toNewTaskError(error);
    return { ok: false, error: refusal.error, field: refusal.field ?? field };
  }
}
