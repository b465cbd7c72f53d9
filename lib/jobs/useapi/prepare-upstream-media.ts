import { open, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { SNIFF_BYTES, sniffMediaType } from "@/lib/api/assets/sniff-media-type";
import { ffmpegPath } from "@/lib/lipsync/media/binaries";
import { probeMedia } from "@/lib/lipsync/media/probe";
import { runProcess } from "@/lib/lipsync/media/run-process";
import { KLING_LIMITS } from "@/lib/useapi/kling-limits";
import { InputError } from "../lipsync/handle-lipsync-task";

export interface UpstreamMedia {
  video: { bytes: Buffer; contentType: string };
  audio: { bytes: Buffer; contentType: string };
  duration: number;
}

const mb = (bytes: number) => `${Math.round(bytes / 100_000) / 10} MB`;

/**
 * What goes to useapi.net: the video as it is (checked against Kling's limits first) and the
 * speech cut to the video's length as MP3 (the extra would be dropped upstream anyway). What
 * cannot fit fails with UPSTREAM_LIMIT, naming the limit and what to do.
 */
export async function prepareUpstreamMedia(videoPath: string, audioPath: string, workDir: string, signal: AbortSignal): Promise<UpstreamMedia> {
  const handle = await open(videoPath);
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0).finally(() => handle.close());
  const sniffed = sniffMediaType(buffer.subarray(0, bytesRead));
  const contentType = sniffed.supported ? sniffed.contentType : "";
  if (!(KLING_LIMITS.videoTypes as readonly string[]).includes(contentType)) {
    throw new InputError("UPSTREAM_LIMIT", "Kling through useapi.net takes MP4 or MOV videos only. Convert the video to MP4 (H.264) and submit again.");
  }
  const info = await probeMedia(videoPath, "video", signal);
  if (info.duration > KLING_LIMITS.videoSeconds + 0.05) {
    throw new InputError(
      "UPSTREAM_LIMIT",
      `The video is ${info.duration.toFixed(1)} s long; Kling lip sync takes at most ${KLING_LIMITS.videoSeconds} s. Cut it to ${KLING_LIMITS.videoSeconds} s or less, or use a local account (our engine).`,
    );
  }
  const { size } = await stat(videoPath);
  if (size > KLING_LIMITS.videoBytes) {
    throw new InputError("UPSTREAM_LIMIT", `The video is ${mb(size)}; Kling takes at most ${mb(KLING_LIMITS.videoBytes)}. Re-encode it smaller (lower bitrate or 720p) and submit again.`);
  }
  await probeMedia(audioPath, "audio", signal);
  const trimmed = path.join(workDir, "speech-upstream.mp3");
  await runProcess(
    ffmpegPath(),
    ["-v", "error", "-y", "-i", audioPath, "-vn", "-t", info.duration.toFixed(3), "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "128k", trimmed],
    signal,
  );
  const audio = await readFile(trimmed);
  if (audio.length > KLING_LIMITS.audioBytes) {
    throw new InputError("UPSTREAM_LIMIT", `The speech is ${mb(audio.length)} after cutting it to the video's length; Kling takes at most ${mb(KLING_LIMITS.audioBytes)}.`);
  }
  return { video: { bytes: await readFile(videoPath), contentType }, audio: { bytes: audio, contentType: "audio/mpeg" }, duration: info.duration };
}
