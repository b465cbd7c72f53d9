import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { scaledSize } from "./decode-video";
import { createLandmarkDetector, type Point } from "./face-landmarks";
import { lowerFaceBox, type Box } from "./mouth-geometry";
import { ffmpegPath } from "@/lib/lipsync/media/binaries";
import { evalTmpDir, repoRoot, sharedMediaDir } from "./paths";
import { probeVideo } from "./probe-video";
import { runCapture } from "./run-process";

const STRIP_HEIGHT = 240;

function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, path.resolve(file));
  return !rel.startsWith("..") && !path.isAbsolute(rel);
}

/**
 * Where a strip may go: frames of third-party clips (the shared media, or engine outputs made from
 * them under tmp/eval/outputs) must stay under tmp/, which is not committed.
 */
export function stripDestination(video: string, out: string): string {
  const media = sharedMediaDir();
  const thirdParty = (media !== null && inside(video, media)) || inside(video, path.join(evalTmpDir, "outputs"));
  if (!thirdParty || inside(out, path.join(repoRoot, "tmp"))) return path.resolve(out);
  return path.join(evalTmpDir, "strips", path.basename(out));
}

async function frameAt(video: string, t: number, width: number, height: number): Promise<Buffer> {
  return runCapture(ffmpegPath(), [
    "-v", "error", "-nostdin", "-ss", String(t), "-i", video, "-frames:v", "1",
    "-vf", `scale=${width}:${height}:flags=area`, "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
  ]);
}

/** Crops the lower face at each time (one square size for all) and tiles the crops side by side into a PNG. */
export async function writeStrip(video: string, times: number[], out: string): Promise<string> {
  const info = await probeVideo(video);
  const outside = times.filter((t) => t < 0 || (Number.isFinite(info.duration) && t >= info.duration));
  if (outside.length) throw new Error(`--at ${outside.join(",")}: not within the video (0 to ${info.duration.toFixed(2)} s)`);
  const size = scaledSize(info.width, info.height, 512);
  const k = info.width / size.width;
  const detector = await createLandmarkDetector();
  const boxes: (Box | null)[] = [];
  for (const t of times) {
    const p = await detector.detect(await frameAt(video, t, size.width, size.height), size.width, size.height);
    boxes.push(p ? lowerFaceBox(p.map(([x, y]) => [x * k, y * k] as Point), info.width, info.height) : null);
  }
  const found = boxes.filter((b): b is Box => b !== null);
  const side = Math.min(info.width, info.height,
    found.length ? Math.max(...found.map((b) => Math.max(b.x1 - b.x0, b.y1 - b.y0))) : Math.round(info.height / 3));
  const dest = stripDestination(video, out);
  mkdirSync(path.dirname(dest), { recursive: true });
  const work = mkdtempSync(path.join(evalTmpDir + "-strip-"));
  try {
    const crops: string[] = [];
    for (const [i, t] of times.entries()) {
      const b = boxes[i];
      const cx = b ? (b.x0 + b.x1) / 2 : info.width / 2;
      const cy = b ? (b.y0 + b.y1) / 2 : (info.height * 2) / 3;
      const x = Math.round(Math.min(Math.max(0, cx - side / 2), info.width - side));
      const y = Math.round(Math.min(Math.max(0, cy - side / 2), info.height - side));
      const file = path.join(work, `${i}.png`);
      await runCapture(ffmpegPath(), ["-v", "error", "-nostdin", "-y", "-ss", String(t), "-i", video, "-frames:v", "1",
        "-vf", `crop=${side}:${side}:${x}:${y},scale=${STRIP_HEIGHT}:${STRIP_HEIGHT}`, file]);
      crops.push(file);
    }
    const inputs = crops.flatMap((f) => ["-i", f]);
    const filter = crops.length > 1 ? ["-filter_complex", `hstack=inputs=${crops.length}`] : [];
    await runCapture(ffmpegPath(), ["-v", "error", "-nostdin", "-y", ...inputs, ...filter, "-frames:v", "1", "-q:v", "3", dest]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dest;
}
