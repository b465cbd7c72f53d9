import { SNIFF_BYTES, sniffMediaType } from "@/lib/api/assets/sniff-media-type";
import type { MediaKind } from "./media-kind";
import { readMp4Duration } from "./read-mp4-duration";

export type MediaInspection = {
  /** unreadable: not media the server takes; audio-only: an audio file given as the video */
  problem: "unreadable" | "audio-only" | null;
  /** seconds, when the container says (MP4, MOV, M4A) */
  duration: number | null;
};

/**
 * What the bytes of a chosen file say, with the server's own sniffing: independent of the
 * browser's codecs, and of whether the page may play it.
 */
export async function inspectMediaFile(kind: MediaKind, file: File): Promise<MediaInspection> {
  const sniffed = sniffMediaType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (!sniffed.supported) return { problem: "unreadable", duration: null };
  if (kind === "video" && sniffed.kind === "audio") return { problem: "audio-only", duration: null };
  const isoMedia = sniffed.format === "mp4" || sniffed.format === "mov" || sniffed.format === "m4a";
  return { problem: null, duration: isoMedia ? await readMp4Duration(file) : null };
}
