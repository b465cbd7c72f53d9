import { z } from "zod";
import { isDatabaseUnavailable } from "@/lib/database/is-database-unavailable";
import { logger } from "@/lib/log/logger";
import { isOutOfSpace, StorageSizeLimitError } from "@/lib/storage";

/** Every error the API answers with. The status comes from the code; the body follows the Kling API. */
export const API_ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "payment_required",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "gone",
  "request_timeout",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limit_exceeded",
  "internal_server_error",
  "service_unavailable",
  "insufficient_storage",
  "bad_gateway",
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const API_ERROR_STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  payment_required: 402,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  gone: 410,
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limit_exceeded: 429,
  internal_server_error: 500,
  service_unavailable: 503,
  insufficient_storage: 507,
  bad_gateway: 502,
};

/** The Kling API's text for an asset it cannot find (also what another user's asset looks like). */
export const RESOURCE_NOT_FOUND = "Sorry, the requested resource was not found (VALID.ResourceNotFound)";

/** Body of every error response: `error` always; `code` on 401 and 429; `message` on 404 and 500. */
export const errorBodySchema = z
  .object({
    error: z.string().meta({ description: "What went wrong, and how to fix it.", example: "Parameter video is required" }),
    code: z.number().int().optional().meta({ description: "HTTP status, on 401 and 429." }),
    message: z.string().optional().meta({ description: "Generic status text, on 404 and 500.", example: "Not Found" }),
  })
  .meta({ description: "Error body (the Kling API's shapes)." });

export type ErrorBody = z.infer<typeof errorBodySchema>;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly headers: Record<string, string>;

  constructor(code: ApiErrorCode, message: string, options: { headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "ApiError";
    this.code = code;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return API_ERROR_STATUS[this.code];
  }

  /** The body in the Kling API's shape for this status. */
  toBody(): ErrorBody {
    switch (this.code) {
      case "unauthorized":
        return { error: "Unauthorized", code: 401 };
      case "rate_limit_exceeded":
        return { error: this.message, code: 429 };
      case "not_found":
        return { error: this.message, message: "Not Found" };
      case "internal_server_error":
        return { error: this.message, message: "Internal Server Error" };
      default:
        return { error: this.message };
    }
  }
}

/** "Parameter <name> <zod message>" for the first issue: schemas phrase messages to follow a name. */
function fromZodError(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  // Unknown keys of the body itself; inside a parameter (facePoint) the parameter's message says more.
  if (issue?.code === "unrecognized_keys" && issue.path.length === 0) {
    const names = issue.keys.map((key) => key.slice(0, 100)).join(", ");
    return new ApiError("bad_request", `Unknown parameter${issue.keys.length > 1 ? "s" : ""} ${names}.`);
  }
  const name = issue?.path.map(String).join(".");
  const text = issue?.message ?? "is invalid";
  return new ApiError("bad_request", name ? `Parameter ${name} ${text}` : `Request ${text}`);
}

/** What a 503 asks clients to wait: PostgreSQL restarts in about a second. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Turns anything thrown by a handler into an ApiError; unknown errors are logged and hidden. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) return fromZodError(error);
  if (error instanceof StorageSizeLimitError) {
    return new ApiError(
      "payload_too_large",
      `The file is larger than the limit of ${error.maxBytes} bytes (MAX_UPLOAD_BYTES). Send a smaller file.`,
    );
  }
  if (isDatabaseUnavailable(error)) {
    logger.error({ err: error }, "API error: the database is unavailable");
    return new ApiError("service_unavailable", "The database cannot be reached right now. Try again in a few seconds.", {
      headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
    });
  }
  if (isOutOfSpace(error)) {
    logger.error({ err: error }, "API error: the disk is full");
    return new ApiError("insufficient_storage", "The server has no space left to store this request; nothing was kept. Try again later.");
  }
  logger.error({ err: error }, "API error");
  return new ApiError("internal_server_error", "Internal server error. Try again; if it persists, check the server log.");
}

/** The HTTP response for a thrown error, with `headers` added (rate-limit headers, for example). */
export function errorResponse(error: unknown, headers: Record<string, string> = {}): Response {
  const apiError = toApiError(error);
  return Response.json(apiError.toBody(), {
    status: apiError.status,
    headers: { "Cache-Control": "no-store", ...headers, ...apiError.headers },
  });
}
