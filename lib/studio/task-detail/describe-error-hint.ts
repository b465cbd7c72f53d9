/**
 * Advice for the codes whose messages do not always say what to do. The engine's and the worker's
 * other messages end with their own advice (NO_FACE_FOUND: "Use a video with a clear, frontal
 * view of one face."), which the page must not repeat.
 */
const HINTS: Record<string, string> = {
  UNREADABLE_FILE: "Export the file again (MP4 with H.264 works best) and submit it again.",
  INPUT_DOWNLOAD_TIMEOUT: "Upload the file instead of giving a URL, or use a faster host.",
  INPUT_URL_REFUSED: "Use a public http(s) URL, or upload the file instead.",
  CANCELLED: "Submit it again if you still want the result.",
};

/** A short "what to do" for a failed task, unless its message already says it (it then asks to try or submit again). */
export function describeErrorHint(errorCode: string | null, message: string | null): string | null {
  const hint = (errorCode && HINTS[errorCode]) || null;
  return hint && !/\bagain\b/i.test(message ?? "") ? hint : null;
}
