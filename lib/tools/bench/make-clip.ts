import { existsSync, renameSync } from "node:fs";
import path from "node:path";
import { FPS, type ClipSpec } from "./clips";
import { execText } from "./exec";
import { mediaTools } from "./tools";

/**
 * Makes (or reuses) a test clip from a face video: looped to the clip's length, scaled to fit the
 * frame over a blurred, cropped copy of itself, 30 fps H.264 yuv420p with the source's audio.
 */
export async function makeClip(source: string, spec: ClipSpec, dir: string): Promise<string> {
  const { name, width: w, height: h, seconds } = spec;
  const out = path.join(dir, `${name}-${path.parse(source).name}.mp4`);
  if (existsSync(out)) return out;
  const graph = [
    "[0:v]split=2[bg][fg]",
    `[bg]scale=${w}:${h}:force_original_aspect_ratio=increase,crop=${w}:${h},boxblur=20:2[blur]`,
    `[fg]scale=${w}:${h}:force_original_aspect_ratio=decrease[face]`,
    `[blur][face]overlay=(W-w)/2:(H-h)/2,fps=${FPS},setsar=1,format=yuv420p[v]`,
  ].join(";");
  const partial = `${out}.partial.mp4`;
  await execText(mediaTools().ffmpeg, [
    "-y", "-v", "error",
    "-stream_loop", "-1", "-i", source,
    "-filter_complex", graph,
    "-map", "[v]", "-map", "0:a?",
    "-c:v", "libx264", "-preset", "veryfast", "-crf", "18",
    "-c:a", "aac", "-b:a", "128k",
    "-t", String(seconds),
    "-movflags", "+faststart",
    partial,
  ]);
  renameSync(partial, out);
  return out;
}
