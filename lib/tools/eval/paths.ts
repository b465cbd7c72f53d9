import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** Repository root (this file lives in lib/tools/eval). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export const evalTmpDir = path.join(repoRoot, "tmp", "eval");

export function ffmpegPath(): string {
  return process.env.FFMPEG_PATH || (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
}

export function ffprobePath(): string {
  return process.env.FFPROBE_PATH || (require("@ffprobe-installer/ffprobe") as { path: string }).path;
}

/** Third-party test media; absent in a fresh clone. */
export function sharedMediaDir(): string | null {
  const dir = process.env.LIPSYNC_MEDIA_DIR || path.resolve(repoRoot, "..", "shared", "media");
  return existsSync(path.join(dir, "video")) && existsSync(path.join(dir, "audio")) ? dir : null;
}
