import { z } from "zod";
import { UseapiError } from "./useapi-error";
import { type UseapiConnection, useapiRequest } from "./useapi-request";

const uploadSchema = z.looseObject({ url: z.string().optional(), resourceUrl: z.string().optional() });

/**
 * POST /v1/kling/assets?email=: the raw file as the body with its Content-Type. Returns the URL
 * to submit: the processed video (`resourceUrl`) when there is one, else `url`.
 */
export async function uploadKlingAsset(conn: UseapiConnection, file: Buffer, contentType: string, signal?: AbortSignal): Promise<string> {
  const answer = uploadSchema.parse(
    (await useapiRequest(conn.token, {
      method: "POST",
      path: `/v1/kling/assets/?email=${encodeURIComponent(conn.email)}`,
      body: file,
      contentType,
      timeoutMs: 300_000,
      signal,
    })) ?? {},
  );
  const url = answer.resourceUrl ?? answer.url;
  if (!url) throw new UseapiError(502, "the upload answer has no url");
  return url;
}
