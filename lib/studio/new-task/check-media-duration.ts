import { formatDuration } from "@/lib/format/format-duration";

/** The message for a video longer than the instance allows (LIPSYNC_MAX_DURATION_SECONDS), or null. */
export function checkMediaDuration(seconds: number, limitSeconds: number): string | null {
  // The server allows 50 ms of slack: container durations are rounded.
  if (!Number.isFinite(seconds) || seconds <= limitSeconds + 0.05) return null;
  // Tenths: a video just over the limit must not read as long as the limit.
  const length = seconds < 60 ? `${seconds.toFixed(1)} s` : `${formatDuration(seconds)} (${seconds.toFixed(1)} s)`;
  return `This video is ${length} long; the limit is ${limitSeconds} s. Trim it and try again.`;
}
