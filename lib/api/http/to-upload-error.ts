import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";

/** What an upload failure means for the client: a timeout is 408, anything else stays as it is. */
export function toUploadError(error: unknown, signal: AbortSignal): unknown {
  if (error instanceof ApiError) return error;
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    if (reason?.name === "TimeoutError") {
      return new ApiError(
        "request_timeout",
        `The upload took longer than ${env.UPLOAD_TIMEOUT_SECONDS} s (UPLOAD_TIMEOUT_SECONDS) and was discarded. Send a smaller file or use a faster connection.`,
      );
    }
    return new ApiError("bad_request", "The upload was interrupted before it completed; nothing was kept.");
  }
  return error;
}
