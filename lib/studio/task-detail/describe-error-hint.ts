const HINTS: Record<string, string> = {
  NO_FACE_FOUND: "Use a video where one face is clearly visible and facing the camera.",
  FACE_TOO_SMALL: "Use a video where the face fills more of the frame, or crop it closer.",
  VIDEO_TOO_LONG: "Trim the video to the allowed length and submit it again.",
  VIDEO_TOO_LARGE: "Use a smaller or lower-resolution video.",
  NO_VIDEO_STREAM: "The video file has no picture: choose a real video file.",
  NO_AUDIO_STREAM: "The audio file has no sound track: choose a speech recording.",
  UNREADABLE_FILE: "Export the file again (MP4 with H.264 works best) and submit it again.",
  UNSUPPORTED_FORMAT: "Convert the file to MP4 (video) or WAV/MP3 (audio).",
  JOB_TIMEOUT: "Try a shorter or lower-resolution video.",
  WORKER_LOST: "Submit the task again; if it keeps failing, try a shorter video.",
  INPUT_DOWNLOAD_FAILED: "Check that the URL is public and points to the file itself, or upload the file instead.",
  INPUT_DOWNLOAD_TIMEOUT: "Upload the file instead of giving a URL, or use a faster host.",
  INPUT_URL_REFUSED: "Use a public http(s) URL, or upload the file instead.",
  INPUT_TOO_LARGE: "Use a smaller file.",
  INPUT_NOT_FOUND: "Upload the file again and submit a new task.",
  CANCELLED: "Submit it again if you still want the result.",
};

/** A short "what to do" for a task's errorCode, when there is one worth adding to the message. */
export function describeErrorHint(errorCode: string | null): string | null {
  return (errorCode && HINTS[errorCode]) || null;
}
