import { z } from "zod";
import { type UseapiConnection, useapiRequest } from "./useapi-request";

const idSchema = z.union([z.number(), z.string()]).transform(String);
const schedulerSchema = z.array(z.looseObject({ id: idSchema.optional(), replyRef: z.string().nullish() }));
const inputsSchema = z.looseObject({ inputs: z.array(z.looseObject({ url: z.string().nullish() })).nullish() }).nullish();
const historySchema = z.looseObject({
  history: z
    .array(
      z.looseObject({
        id: idSchema.optional(),
        taskInfo: inputsSchema,
        task: z.looseObject({ id: idSchema.optional(), taskInfo: inputsSchema }).nullish(),
      }),
    )
    .nullish(),
});

/**
 * After a submit whose answer never came (timeout, dropped connection, killed worker), whether
 * it went through: a running task with our replyRef (GET /v1/kling/scheduler), else a task of
 * the account created since `since` whose inputs are our uploaded video URL (GET /v1/kling/tasks).
 * Returns its id, or null when neither shows one.
 */
export async function findKlingTask(conn: UseapiConnection, match: { replyRef: string; video: string; since: Date }): Promise<string | null> {
  const running = schedulerSchema.parse((await useapiRequest(conn.token, { path: "/v1/kling/scheduler", timeoutMs: 30_000 })) ?? []);
  const mine = running.find((item) => item.replyRef === match.replyRef && item.id);
  if (mine?.id) return mine.id;
  const query = new URLSearchParams({ email: conn.email, pageSize: "50", createdAfter: String(match.since.getTime() - 120_000) });
  const history = historySchema.parse((await useapiRequest(conn.token, { path: `/v1/kling/tasks/?${query}`, timeoutMs: 30_000 })) ?? {});
  for (const item of history.history ?? []) {
    const inputs = item.task?.taskInfo?.inputs ?? item.taskInfo?.inputs ?? [];
    const id = item.task?.id ?? item.id;
    if (id && inputs.some((input) => input.url === match.video)) return id;
  }
  return null;
}
