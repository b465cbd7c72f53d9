import { TrackerPool } from "./face/tracker-pool";

// The face-tracking processes start before anything else loads: their models take the longest.
const trackers = new TrackerPool();
const { Command, InvalidArgumentError } = await import("commander");
const { SingleBar } = await import("cli-progress");
const { runLipsync } = await import("./run-lipsync");
const { isLipsyncError } = await import("./errors");
const { X264_PRESETS } = await import("./presets");

const program = new Command()
  .name("lipsync")
  .description("Re-animate the mouth of the face in a video so it speaks the given audio.")
  .requiredOption("--video <file>", "input video showing a face")
  .requiredOption("--audio <file>", "speech audio (mp3, wav, m4a, ogg, flac, or a video's sound track)")
  .requiredOption("--out <file>", "output MP4 (a cover JPEG is written next to it)")
  .option("--cover <file>", "cover JPEG path (default: the output path with .jpg)")
  .option("--crf <n>", "x264 quality, 0-51, lower is better", integer)
  .option("--preset <name>", `x264 preset: ${X264_PRESETS.join(", ")}`)
  .option("--max-duration <seconds>", "longest video accepted", Number)
  .option("--mouth-scale <factor>", "mouth opening: 1 natural, 0.5 subtle, 1.5 pronounced", Number)
  .option("--face-point <x,y>", "sync the face nearest this pixel instead of the largest", facePoint)
  .option("--interpolate-still-frames", "faster tracking: interpolate every other frame where the face is still (more of the original mouth shows through)")
  .option("--quiet", "no progress bar");

program.parse();
const args = program.opts<{
  video: string; audio: string; out: string; cover?: string; crf?: number; preset?: string;
  maxDuration?: number; mouthScale?: number; facePoint?: { x: number; y: number }; interpolateStillFrames?: boolean; quiet?: boolean;
}>();

const bar = new SingleBar({
  format: "{stage} |{bar}| {percentage}% | {elapsed}s",
  hideCursor: true,
  stream: process.stderr,
  // Without a terminal (logs, CI), print a progress line every second instead of redrawing.
  noTTYOutput: true,
  notTTYSchedule: 1000,
});
const controller = new AbortController();
process.once("SIGINT", () => controller.abort());
process.once("SIGTERM", () => controller.abort());

if (!args.quiet) bar.start(100, 0, { stage: "probe".padEnd(8) , elapsed: "0.0" });
const started = performance.now();
try {
  const result = await runLipsync({
    video: args.video,
    audio: args.audio,
    output: args.out,
    cover: args.cover,
    options: {
      crf: args.crf,
      preset: args.preset as never,
      maxDurationSeconds: args.maxDuration,
      mouthScale: args.mouthScale,
      facePoint: args.facePoint,
      interpolateStillFrames: args.interpolateStillFrames,
    },
    signal: controller.signal,
    trackers,
    onProgress: ({ stage, fraction }) => {
      if (!args.quiet) bar.update(Math.round(fraction * 100), { stage: stage.padEnd(8), elapsed: ((performance.now() - started) / 1000).toFixed(1) });
    },
  });
  bar.stop();
  console.log(
    `${result.output}: ${result.frames} frames ${result.width}x${result.height} @ ${result.fps.toFixed(2)} fps, ` +
      `${result.duration.toFixed(2)} s; face in ${result.facesFound}/${result.frames} frames; ` +
      `${result.elapsed.toFixed(1)} s (${(result.frames / result.elapsed).toFixed(1)} fps achieved); cover ${result.cover}`,
  );
} catch (error) {
  bar.stop();
  if (isLipsyncError(error)) {
    console.error(`lipsync: ${error.code}: ${error.message}`);
    process.exit(error.code === "CANCELLED" ? 130 : 2);
  }
  throw error;
} finally {
  await trackers.close();
}

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError("must be an integer");
  return parsed;
}

function facePoint(value: string): { x: number; y: number } {
  const [x, y] = value.split(",").map(Number);
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new InvalidArgumentError("must be x,y in pixels, for example 640,300");
  return { x, y };
}
