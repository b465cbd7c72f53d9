import { formatDuration } from "@/lib/format/format-duration";

/** The message for a video longer than the instance allows (LIPSYNC_MAX_DURATION_SECONDS), or null. */
export function checkMediaDuration(seconds: number, limitSeconds: number): string | null {
  // The server allows 50 ms of slack: container durations are rounded.
  if (!Number.isFinite(seconds) || seconds <= limitSeconds + 0.05) return null;
  return `This video is ${formatDuration(seconds)} long; the limit is ${limitSeconds} s. Trim it and try again.`;
}
