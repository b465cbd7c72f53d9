import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { STATUS_CODES } from "node:http";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Duplex } from "node:stream";
import { isOutOfSpace } from "@/lib/storage/errors";
import { UrlRefusedError, type PublicUrlOptions } from "./assert-public-url";
import { IdleTimeoutError, safeRequest, TooManyRedirectsError, type SafeResponse } from "./safe-request";

export type DownloadErrorCode =
  | "URL_REFUSED"
  | "HTTP_STATUS"
  | "TOO_LARGE"
  | "LENGTH_MISMATCH"
  | "TOO_MANY_REDIRECTS"
  | "TIMEOUT"
  | "NETWORK"
  | "CANCELLED";

/** A download that did not complete; nothing was left on disk. */
export class DownloadError extends Error {
  readonly code: DownloadErrorCode;
  readonly statusCode?: number;

  constructor(code: DownloadErrorCode, message: string, statusCode?: number) {
    super(message);
    this.name = "DownloadError";
    this.code = code;
    this.statusCode = statusCode;
  }
}

export interface DownloadOptions extends PublicUrlOptions {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Longest the whole download may take. */
  timeoutMs: number;
  /** Redirects to follow, each checked like the first URL (default 5). */
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Longest silence while waiting for headers or body bytes (default 30 s). */
  idleTimeoutMs?: number;
  /** Tests only: see SafeRequestOptions.createConnection. */
  createConnection?: (url: URL) => Duplex;
}

export interface DownloadResult {
  size: number;
  contentType?: string;
  /** The URL the bytes came from, after redirects. */
  finalUrl: string;
}

function describeSize(bytes: number): string {
  return bytes >= 1024 ** 2 ? `${Math.round((bytes / 1024 ** 2) * 10) / 10} MiB` : `${bytes} bytes`;
}

/**
 * Downloads `url` to `destination` with the server-side request guard (assertPublicUrl on every
 * hop, pinned connections), a size limit, a time limit and a Content-Length check. The body is
 * written under a temporary name and renamed when complete: on any failure the partial file is
 * deleted and a DownloadError says what happened (a full local disk is thrown as it is).
 */
export async function safeDownload(url: string, destination: string, options: DownloadOptions): Promise<DownloadResult> {
  const { maxBytes, timeoutMs } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const partial = `${destination}.partial-${randomBytes(6).toString("hex")}`;
  let response: SafeResponse | undefined;
  try {
    response = await safeRequest(url, {
      ...options,
      method: "GET",
      maxRedirects: options.maxRedirects ?? 5,
      signal,
      headers: { accept: "*/*", "accept-encoding": "identity", "user-agent": "LipsyncStudio (input download)" },
    });
    const { statusCode, headers } = response;
    if (statusCode < 200 || statusCode > 299) {
      throw new DownloadError("HTTP_STATUS", `the server answered ${statusCode} ${STATUS_CODES[statusCode] ?? ""}`.trim(), statusCode);
    }
    const lengthHeader = headers["content-length"];
    const declared = typeof lengthHeader === "string" && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
    if (declared !== undefined && declared > maxBytes) {
      throw new DownloadError("TOO_LARGE", `the file is ${describeSize(declared)}, over the limit of ${describeSize(maxBytes)}`);
    }
    let received = 0;
    const guard = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > maxBytes) {
          callback(new DownloadError("TOO_LARGE", `the file is over the limit of ${describeSize(maxBytes)}`));
        } else if (declared !== undefined && received > declared) {
          callback(new DownloadError("LENGTH_MISMATCH", `the server sent more than the ${declared} bytes its Content-Length announced`));
        } else {
          callback(null, chunk);
        }
      },
    });
    await pipeline(response.body, guard, createWriteStream(partial, { flags: "wx" }), { signal });
    // Bytes after the announced length, or a reset, surface on the connection once the body ended.
    const late = await response.settled;
    if (late && declared !== undefined && received === declared) {
      throw new DownloadError("LENGTH_MISMATCH", `the server sent more than the ${declared} bytes its Content-Length announced`);
    }
    if (late) throw late;
    if (declared !== undefined && received !== declared) {
      throw new DownloadError("LENGTH_MISMATCH", `the server sent ${received} of the ${declared} bytes its Content-Length announced`);
    }
    await rename(partial, destination);
    const contentType = typeof headers["content-type"] === "string" ? headers["content-type"] : undefined;
    return { size: received, contentType, finalUrl: response.url.href };
  } catch (error) {
    await rm(partial, { force: true });
    // The local disk failing (full) is not a download problem: the caller sees it as it is.
    if (isOutOfSpace(error)) throw error;
    throw toDownloadError(error, { timeout, cancel: options.signal, timeoutMs });
  } finally {
    response?.close();
  }
}

function toDownloadError(error: unknown, context: { timeout: AbortSignal; cancel?: AbortSignal; timeoutMs: number }): DownloadError {
  if (error instanceof DownloadError) return error;
  if (context.cancel?.aborted) return new DownloadError("CANCELLED", "the download was cancelled");
  if (context.timeout.aborted) {
    return new DownloadError("TIMEOUT", `it took longer than ${Math.round(context.timeoutMs / 1000)} s`);
  }
  const found = findCause(error);
  if (found instanceof UrlRefusedError) return new DownloadError("URL_REFUSED", found.message);
  if (found instanceof TooManyRedirectsError) {
    return new DownloadError("TOO_MANY_REDIRECTS", `it redirected more than ${found.limit} times (a redirect loop?)`);
  }
  if (found instanceof IdleTimeoutError) return new DownloadError("TIMEOUT", `the server stopped responding (${found.message})`);
  const code = (found as NodeJS.ErrnoException | undefined)?.code ?? "";
  if (code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE") {
    return new DownloadError("NETWORK", "the connection was closed before the file was complete");
  }
  if (code.startsWith("HPE_")) return new DownloadError("NETWORK", `the server's answer is not valid HTTP (${code})`);
  if (code) return new DownloadError("NETWORK", `could not connect (${code})`);
  return new DownloadError("NETWORK", (found as Error | undefined)?.message ?? String(error));
}

/** The UrlRefusedError or errno error behind wrappers (undici and streams wrap socket errors). */
function findCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof UrlRefusedError || current instanceof TooManyRedirectsError) return current;
    const next = (current as { cause?: unknown }).cause;
    if (!next) break;
    current = next;
  }
  return current instanceof Error && (current as NodeJS.ErrnoException).code ? current : error;
}
