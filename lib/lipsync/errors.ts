/** Stable codes a caller (API, CLI, UI) can map to a status or a message. */
export const LIPSYNC_ERROR_CODES = [
  "INVALID_OPTIONS",
  "NO_VIDEO_STREAM",
  "NO_AUDIO_STREAM",
  "UNREADABLE_FILE",
  "UNSUPPORTED_FORMAT",
  "VIDEO_TOO_LONG",
  "VIDEO_TOO_LARGE",
  "NO_FACE_FOUND",
  "FACE_TOO_SMALL",
  "CANCELLED",
  "ENGINE_FAILURE",
] as const;

export type LipsyncErrorCode = (typeof LIPSYNC_ERROR_CODES)[number];

export class LipsyncError extends Error {
  readonly code: LipsyncErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: LipsyncErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "LipsyncError";
    this.code = code;
    this.details = details;
  }
}

export function isLipsyncError(error: unknown): error is LipsyncError {
  return error instanceof LipsyncError;
}
