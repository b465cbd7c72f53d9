import { formatBytes } from "@/lib/format/format-bytes";
import type { MediaKind } from "./media-kind";

const VIDEO_EXTENSIONS = ["mp4", "m4v", "mov", "webm", "mkv", "avi"];
const AUDIO_EXTENSIONS = ["mp3", "wav", "m4a", "aac", "ogg", "oga", "opus", "flac"];

function extension(name: string): string {
  return /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
}

function isVideoFile(file: File): boolean {
  return file.type.startsWith("video/") || VIDEO_EXTENSIONS.includes(extension(file.name));
}

function isAudioFile(file: File): boolean {
  return file.type.startsWith("audio/") || AUDIO_EXTENSIONS.includes(extension(file.name));
}

/**
 * What is wrong with a chosen file before anything is sent (its type by MIME type or name, its
 * size), or null. The audio input also takes a video: its sound is used.
 */
export function checkMediaFile(kind: MediaKind, file: File, maxBytes: number): string | null {
  if (kind === "video" && !isVideoFile(file)) {
    return `“${file.name}” is not a video. Choose an MP4, MOV or WebM file.`;
  }
  if (kind === "audio" && !isAudioFile(file) && !isVideoFile(file)) {
    return `“${file.name}” is not an audio file. Choose an MP3, WAV, M4A, OGG or FLAC file, or a video whose sound you want to use.`;
  }
  if (file.size === 0) return `“${file.name}” is empty. Choose another file.`;
  if (file.size > maxBytes) {
    return `This file is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}. Use a smaller or shorter file.`;
  }
  return null;
}
