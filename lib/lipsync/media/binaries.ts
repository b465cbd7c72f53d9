import { createRequire } from "node:module";
import { env } from "../../env";

const require = createRequire(import.meta.url);

/** ffmpeg from FFMPEG_PATH, else the static build shipped in @ffmpeg-installer/ffmpeg. */
export function ffmpegPath(): string {
  return env.FFMPEG_PATH ?? (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
}

/** ffprobe from FFPROBE_PATH, else the static build shipped in @ffprobe-installer/ffprobe. */
export function ffprobePath(): string {
  return env.FFPROBE_PATH ?? (require("@ffprobe-installer/ffprobe") as { path: string }).path;
}
