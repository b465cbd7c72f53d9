import { startLipsyncEngine } from "@/lib/lipsync";
import { chooseTrackingSize } from "@/lib/lipsync/face/choose-tracking-size";
import { trackingDecode } from "@/lib/lipsync/face/track-faces";
import { decodeFrameSets, type DecodeSetsOptions } from "@/lib/lipsync/media/decode-frames";
import type { EngineProfile } from "@/lib/lipsync/profile";
import { transcodeCommand } from "./commands";
import { measure } from "./measure";
import { treeCpuSeconds } from "@/lib/lipsync/process-cpu";

export interface ClipProfile {
  name: string;
  frames: number;
  /** Milliseconds per step of one warm run, summed over frames (and over threads for tracking). */
  steps: EngineProfile;
  /** CPU milliseconds of work done alone, for comparison. */
  alone: Record<string, number>;
}

/**
 * Where the milliseconds go: the clip once through a kept-loaded engine to warm it, then once
 * more with the engine's profile on; then, alone, the decodes each pass makes and a plain
 * transcode, for their CPU time.
 */
export async function profileEngine(
  clip: { name: string; video: string; audio: string; seconds: number; width: number; height: number },
  output: string,
): Promise<ClipProfile> {
  const { name, video, audio, width, height } = clip;
  const engine = startLipsyncEngine();
  const steps: EngineProfile = {};
  let frames: number;
  try {
    await engine.run({ video, audio, output });
    const cpu = treeCpuSeconds(process.pid);
    const started = performance.now();
    frames = (await engine.run({ video, audio, output, profile: steps })).frames;
    steps["whole warm run (wall)"] = performance.now() - started;
    steps["whole warm run (CPU)"] = (treeCpuSeconds(process.pid) - cpu) * 1000;
  } finally {
    await engine.close();
  }
  const fullSize = { width: width + (width % 2), height: height + (height % 2) };
  const tracking = trackingDecode(width, height, await chooseTrackingSize(video, width, height), 0, fullSize);
  const small = tracking.outputs[0];
  const transcode = transcodeCommand(video, audio, clip.seconds, `${output}.transcode.mp4`);
  const transcodeRun = await measure(transcode.command, transcode.args, { logFile: `${output}.transcode.log` });
  return {
    name,
    frames,
    steps,
    alone: {
      [`decode to full-size yuv420p (${width}x${height}), one thread`]: await decodeCpuMs(video, { outputs: [{ width, height, pixelFormat: "yuv420p" }], threads: 1 }),
      [`decode as the tracker does (${small.width}x${small.height} rgb24, and full-size yuv420p)`]: await decodeCpuMs(video, tracking),
      "plain transcode (the bench's baseline: decode, x264 veryfast, AAC)": transcodeRun.cpuSeconds * 1000,
    },
  };
}

async function decodeCpuMs(video: string, options: DecodeSetsOptions): Promise<number> {
  const before = treeCpuSeconds(process.pid);
  for await (const frames of decodeFrameSets(video, options)) void frames;
  return (treeCpuSeconds(process.pid) - before) * 1000;
}

/** The profiles side by side: ms per frame for each step. */
export function renderProfile(profiles: ClipProfile[]): string {
  const perFrame = (ms: number | undefined, frames: number) => (ms === undefined ? "—" : (ms / frames).toFixed(1));
  const header = ["ms per frame", ...profiles.map((p) => `${p.name} (${p.frames} frames)`)];
  const row = (label: string, value: (p: ClipProfile) => number | undefined) => [label, ...profiles.map((p) => perFrame(value(p), p.frames))];
  const steps = [...new Set(profiles.flatMap((p) => Object.keys(p.steps)))].sort();
  const alone = [...new Set(profiles.flatMap((p) => Object.keys(p.alone)))];
  const rows = [
    ...steps.map((step) => row(step, (p) => p.steps[step])),
    ...alone.map((step) => row(`alone, CPU: ${step}`, (p) => p.alone[step])),
  ];
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
