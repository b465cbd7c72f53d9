import { ApiError } from "@/lib/api/errors";

/** Largest JSON body accepted: requests carry URLs and short fields, never files. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;
const JSON_BODY_TIMEOUT_MS = 30_000;

/** Reads and parses a JSON object body, refusing more than MAX_JSON_BODY_BYTES or 30 s. */
export async function readJsonBody(req: Request): Promise<Record<string, unknown>> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > MAX_JSON_BODY_BYTES) {
    throw new ApiError("payload_too_large", `The JSON body is larger than ${MAX_JSON_BODY_BYTES} bytes. Upload files with POST /v1/kling/assets.`);
  }
  if (!req.body) return {};
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const timer = setTimeout(() => void reader.cancel(new Error("timeout")).catch(() => {}), JSON_BODY_TIMEOUT_MS);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_JSON_BODY_BYTES) {
        void reader.cancel().catch(() => {});
        throw new ApiError("payload_too_large", `The JSON body is larger than ${MAX_JSON_BODY_BYTES} bytes. Upload files with POST /v1/kling/assets.`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError("request_timeout", "The request body did not arrive in time.", { cause: error });
  } finally {
    clearTimeout(timer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ApiError("bad_request", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}
