import { z } from "zod";
import { type UseapiConnection, useapiRequest } from "./useapi-request";

const resourceSchema = z.looseObject({ resource: z.string().optional() }).nullish();

export const klingTaskSchema = z.looseObject({
  status: z.union([z.number(), z.string()]).optional(),
  status_name: z.string().optional(),
  status_final: z.boolean().optional(),
  message: z.string().optional(),
  error: z.string().optional(),
  works: z
    .array(z.looseObject({ workId: z.unknown().optional(), resource: resourceSchema, cover: resourceSchema }))
    .nullish(),
});

export type KlingTask = z.output<typeof klingTaskSchema>;

/** GET /v1/kling/tasks/{id}?email=: the task model (final when status_final is true). */
export async function getKlingTask(conn: UseapiConnection, upstreamId: string, signal?: AbortSignal): Promise<KlingTask> {
  const answer = await useapiRequest(conn.token, {
    path: `/v1/kling/tasks/${encodeURIComponent(upstreamId)}?email=${encodeURIComponent(conn.email)}`,
    timeoutMs: 30_000,
    signal,
  });
  return klingTaskSchema.parse(answer ?? {});
}
