import http, { type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import type { Duplex } from "node:stream";
import { assertPublicUrl, UrlRefusedError, type PublicUrlOptions, type ResolvedAddress } from "./assert-public-url";
import { createPinnedLookup } from "./pinned-lookup";

export interface SafeRequestOptions extends PublicUrlOptions {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Redirects to follow (each target checked like the first URL); 0 returns a 3xx as it is. */
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Longest wait for the connection, the headers, or the next body bytes. */
  idleTimeoutMs?: number;
  /** Tests only: open sockets with this instead of a pinned connection (every hop is still checked). */
  createConnection?: (url: URL) => Duplex;
}

export interface SafeResponse {
  /** The URL that answered, after redirects. */
  url: URL;
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
  redirects: number;
  /**
   * Resolves once the connection is closed, with the error it failed with after the response
   * began, if any: bytes past the Content-Length, a reset, a parse error.
   */
  settled: Promise<Error | null>;
  /** Drops the connection (no effect once it is closed). */
  close(): void;
}

/** More redirects than allowed. */
export class TooManyRedirectsError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`The URL redirected more than ${limit} times.`);
    this.name = "TooManyRedirectsError";
    this.limit = limit;
  }
}

/** No response bytes for longer than the idle timeout. */
export class IdleTimeoutError extends Error {
  readonly code = "ETIMEDOUT";
  constructor(ms: number) {
    super(`The server sent nothing for ${Math.round(ms / 1000)} s.`);
    this.name = "IdleTimeoutError";
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One HTTP request to a URL the server was asked to reach (input downloads, webhooks): http(s)
 * only, every address checked (assertPublicUrl) and the socket pinned to the checked addresses
 * through its DNS lookup (so a rebinding DNS server cannot swap in 127.0.0.1 afterwards),
 * redirects followed by hand so that each hop is checked again. No proxies, no keep-alive.
 */
export async function safeRequest(raw: string | URL, options: SafeRequestOptions = {}): Promise<SafeResponse> {
  const maxRedirects = options.maxRedirects ?? 0;
  let method = options.method ?? "GET";
  let body = options.body;
  let target: string | URL = raw;
  for (let redirects = 0; ; redirects++) {
    const { url, addresses } = await assertPublicUrl(target, options).catch((error: unknown) => {
      if (redirects > 0 && error instanceof UrlRefusedError) {
        throw new UrlRefusedError(error.reason, `The URL redirected to ${String(target).slice(0, 300)}. ${error.message}`, error.category);
      }
      throw error;
    });
    const response = await requestOnce(url, addresses, { ...options, method, body });
    const location = response.headers.location;
    if (maxRedirects > 0 && REDIRECTS.has(response.statusCode) && typeof location === "string") {
      response.close();
      if (redirects >= maxRedirects) throw new TooManyRedirectsError(maxRedirects);
      target = new URL(location, url);
      if (response.statusCode === 303 || (method === "POST" && response.statusCode !== 307 && response.statusCode !== 308)) {
        method = "GET";
        body = undefined;
      }
      continue;
    }
    return { ...response, redirects };
  }
}

function requestOnce(
  url: URL,
  addresses: ResolvedAddress[],
  options: SafeRequestOptions & { method: string },
): Promise<Omit<SafeResponse, "redirects">> {
  const { idleTimeoutMs = 30_000 } = options;
  const pins = new Map([[url.hostname.replace(/^\[|\]$/g, "").toLowerCase(), addresses]]);
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    let responded = false;
    let lateError: Error | null = null;
    let request: ClientRequest;
    let body: IncomingMessage | undefined;
    const settled = new Promise<Error | null>((done) => {
      request = transport.request(url, {
        method: options.method,
        headers: { ...options.headers, connection: "close" },
        lookup: createPinnedLookup({ ...options, pins }) as never,
        signal: options.signal,
        timeout: idleTimeoutMs,
        // A fresh agent per request: no pooled sockets shared with other hosts or checks.
        ...(options.createConnection ? { createConnection: () => options.createConnection!(url) } : { agent: false }),
      });
      request.on("close", () => done(lateError));
    });
    request!.on("timeout", () => {
      // The body stream must fail with this error too, not with a bare "aborted".
      const error = new IdleTimeoutError(idleTimeoutMs);
      body?.destroy(error);
      request.destroy(error);
    });
    request!.on("error", (error) => {
      if (responded) lateError ??= error;
      else reject(error);
    });
    request!.on("response", (response) => {
      responded = true;
      body = response;
      response.on("error", (error) => {
        lateError ??= error;
      });
      resolve({
        url,
        statusCode: response.statusCode ?? 0,
        headers: response.headers,
        body: response,
        settled,
        close: () => {
          response.destroy();
          request.destroy();
        },
      });
    });
    request!.end(options.body);
  });
}
