import { z } from "zod";
import { useapiRequest } from "./useapi-request";

const listSchema = z.record(z.string(), z.looseObject({ email: z.string().optional() }));

/** GET /v1/kling/accounts: the Kling emails configured at useapi.net (404 when none). */
export async function listKlingAccounts(token: string, signal?: AbortSignal): Promise<string[]> {
  const list = listSchema.parse((await useapiRequest(token, { path: "/v1/kling/accounts", timeoutMs: 20_000, signal })) ?? {});
  return Object.entries(list).map(([key, value]) => (value.email ?? key).toLowerCase());
}
