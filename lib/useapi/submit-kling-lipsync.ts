import { z } from "zod";
import { UseapiError } from "./useapi-error";
import { type UseapiConnection, useapiRequest } from "./useapi-request";

const idSchema = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);
const submitSchema = z.looseObject({ task: z.looseObject({ id: idSchema.optional() }).optional(), id: idSchema.optional() });

export interface KlingLipsyncInput {
  video: string;
  audio: string;
  maxJobs: number;
  replyUrl?: string;
  replyRef: string;
}

/**
 * POST /v1/kling/videos/lipsync. Not idempotent: call it only when no earlier submit of the task
 * may have gone through (see findKlingTask). Returns the upstream task id: `task.id`, or the
 * top-level `id` of the oldest documented answer.
 */
export async function submitKlingLipsync(conn: UseapiConnection, input: KlingLipsyncInput, signal?: AbortSignal): Promise<string> {
  const answer = submitSchema.parse(
    (await useapiRequest(conn.token, {
      method: "POST",
      path: "/v1/kling/videos/lipsync",
      json: { email: conn.email, ...input },
      timeoutMs: 120_000,
      signal,
    })) ?? {},
  );
  const id = answer.task?.id ?? answer.id;
  if (!id) throw new UseapiError(502, "the submit answer has no task id");
  return id;
}
