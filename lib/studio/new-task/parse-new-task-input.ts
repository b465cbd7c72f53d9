import { z } from "zod";
import { isHttpUrl } from "./is-http-url";

export type NewTaskField = "video" | "audio" | "replyUrl" | "email";

const absentIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const httpUrl = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .max(2048, "This link is too long (at most 2048 characters).")
    .refine(isHttpUrl, "Enter a link that starts with http:// or https://.");

const fraction = z.number().min(0, "Click inside the picture to choose a face.").max(1, "Click inside the picture to choose a face.");

const newTaskInputSchema = z.object({
  video: z.preprocess(absentIfEmpty, httpUrl("Choose a video.")),
  audio: z.preprocess(absentIfEmpty, httpUrl("Choose an audio file.")),
  email: z.preprocess(absentIfEmpty, z.email("Choose an account.").toLowerCase().optional()),
  replyUrl: z.preprocess(absentIfEmpty, httpUrl("Enter a webhook URL.").optional()),
  /** The face to sync, as fractions of the picture (the API's facePoint). */
  facePoint: z.object({ x: fraction, y: fraction }).nullish().transform((point) => point ?? undefined),
});

export type FacePoint = { x: number; y: number };

export type NewTaskInput = z.output<typeof newTaskInputSchema>;

/** What the new-task form sent, checked: the data, or the first problem and the field it concerns. */
export function parseNewTaskInput(
  input: unknown,
): { ok: true; data: NewTaskInput } | { ok: false; error: string; field?: NewTaskField } {
  const result = newTaskInputSchema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path[0];
  const known = field === "video" || field === "audio" || field === "replyUrl" || field === "email";
  return { ok: false, error: issue?.message ?? "The form is invalid.", ...(known ? { field } : {}) };
}
