import { existsSync, mkdirSync, renameSync } from "node:fs";
import path from "node:path";
import { ffmpegPath } from "@/lib/lipsync/media/binaries";
import { evalTmpDir } from "./paths";
import { runCapture } from "./run-process";

/** x264 settings the engine uses by default (LIPSYNC_CRF, LIPSYNC_PRESET). */
export const BASELINE_CRF = 18;
const BASELINE_PRESET = "veryfast";

/**
 * A plain re-encode of the clip with the engine's codec settings and nothing else changed (odd
 * sizes padded to even, as the engine does): the best PSNR any re-encoding output can keep.
 * Cached under tmp/eval/reencode.
 */
export async function reencodeBaseline(video: string): Promise<string> {
  const dir = path.join(evalTmpDir, "reencode");
  const out = path.join(dir, `${path.parse(video).name}-crf${BASELINE_CRF}.mp4`);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  const partial = `${out}.partial.mp4`;
  await runCapture(ffmpegPath(), [
    "-v", "error", "-nostdin", "-y", "-i", video, "-an", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2",
    "-c:v", "libx264", "-preset", BASELINE_PRESET, "-crf", String(BASELINE_CRF), "-pix_fmt", "yuv420p", partial,
  ]);
  renameSync(partial, out);
  return out;
}
