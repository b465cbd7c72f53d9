import { z } from "zod";
import { useapiRequest } from "./useapi-request";

const accountSchema = z.looseObject({ email: z.string().optional(), sub: z.unknown().optional(), subscriptionIsActive: z.boolean().optional() });

/** GET /v2/account: checks the token (401 when wrong). */
export async function getUseapiAccount(token: string, signal?: AbortSignal): Promise<z.output<typeof accountSchema>> {
  return accountSchema.parse((await useapiRequest(token, { path: "/v2/account", timeoutMs: 20_000, signal })) ?? {});
}
