import { env } from "@/lib/env";
import { UseapiError } from "./useapi-error";

export interface UseapiConnection {
  /** The useapi.net API token (user:...), sent only to USEAPI_BASE_URL. */
  token: string;
  /** The Kling account email on the useapi side. */
  email: string;
}

export interface UseapiRequest {
  method?: "GET" | "POST" | "DELETE";
  /** Path and query under USEAPI_BASE_URL, e.g. /v1/kling/tasks/123?email=... */
  path: string;
  json?: unknown;
  /** A raw body (asset upload) with its content type. */
  body?: Buffer;
  contentType?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const RESPONSE_LIMIT = 4 * 1024 * 1024;

/**
 * One call to useapi.net (USEAPI_BASE_URL: operator configuration, so it is not held to the
 * private-address guard that user-given URLs are). Resolves with the parsed JSON of a 2xx answer;
 * anything else throws a UseapiError with the upstream's own error text.
 */
export async function useapiRequest<T = unknown>(token: string, request: UseapiRequest): Promise<T> {
  const timeoutMs = request.timeoutMs ?? 60_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json" };
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (request.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.json);
  } else if (request.body) {
    headers["content-type"] = request.contentType ?? "application/octet-stream";
    body = new Uint8Array(request.body);
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${env.USEAPI_BASE_URL}${request.path}`, { method: request.method ?? "GET", headers, body, signal, redirect: "error" });
    text = await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw error;
    if (timeout.aborted) throw new UseapiError(0, `no answer within ${Math.round(timeoutMs / 1000)} s`, { timedOut: true });
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new UseapiError(0, cause?.code ?? cause?.message ?? (error as Error).message);
  }
  if (text.length > RESPONSE_LIMIT) throw new UseapiError(response.status, "the answer is too large");
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the raw text is the error
  }
  if (response.ok) return parsed as T;
  const record = (parsed ?? {}) as { error?: unknown; message?: unknown };
  const errorText = typeof record.error === "string" ? record.error : typeof record.message === "string" ? record.message : text.slice(0, 500);
  const retryAfter = Number(response.headers.get("retry-after"));
  throw new UseapiError(response.status, errorText || String(response.status), {
    retryAfter: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
  });
}
