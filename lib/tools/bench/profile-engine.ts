import { startLipsyncEngine } from "@/lib/lipsync";
import { decodeFrames } from "@/lib/lipsync/media/decode-frames";
import type { EngineProfile } from "@/lib/lipsync/profile";
import { cpuSeconds } from "./proc-sample";

export interface ClipProfile {
  name: string;
  frames: number;
  /** Wall ms per step of one warm run, summed over frames (and over threads for tracking). */
  steps: EngineProfile;
  /** The warm run's wall and CPU seconds (this process, its threads and its children). */
  seconds: number;
  cpuSeconds: number;
  /** Decoding the clip to full-size yuv420p alone, as the render pass does: wall and CPU seconds. */
  decode: { seconds: number; cpuSeconds: number };
}

/**
 * Where the milliseconds go: the clip once through a kept-loaded engine to warm it, then once
 * more with the engine's profile on; then the full-size decode alone for comparison.
 */
export async function profileEngine(name: string, video: string, audio: string, output: string, size: { width: number; height: number }): Promise<ClipProfile> {
  const engine = startLipsyncEngine();
  try {
    await engine.run({ video, audio, output });
    const steps: EngineProfile = {};
    const cpu = cpuSeconds(process.pid);
    const started = performance.now();
    const result = await engine.run({ video, audio, output, profile: steps });
    const seconds = (performance.now() - started) / 1000;
    const cpuUsed = cpuSeconds(process.pid) - cpu;
    const decodeCpu = cpuSeconds(process.pid);
    const decodeStart = performance.now();
    for await (const frame of decodeFrames(video, { ...size, pixelFormat: "yuv420p" })) void frame;
    const decode = { seconds: (performance.now() - decodeStart) / 1000, cpuSeconds: cpuSeconds(process.pid) - decodeCpu };
    return { name, frames: result.frames, steps, seconds, cpuSeconds: cpuUsed, decode };
  } finally {
    await engine.close();
  }
}

/** The profiles side by side: ms per frame for each step. */
export function renderProfile(profiles: ClipProfile[]): string {
  const steps = [...new Set(profiles.flatMap((p) => Object.keys(p.steps)))].sort();
  const perFrame = (ms: number | undefined, frames: number) => (ms === undefined ? "—" : (ms / frames).toFixed(1));
  const header = ["ms per frame", ...profiles.map((p) => `${p.name} (${p.frames} frames)`)];
  const rows = [
    ...steps.map((step) => [step, ...profiles.map((p) => perFrame(p.steps[step], p.frames))]),
    ["whole warm run, wall", ...profiles.map((p) => perFrame(p.seconds * 1000, p.frames))],
    ["whole warm run, CPU (all threads and ffmpeg children)", ...profiles.map((p) => perFrame(p.cpuSeconds * 1000, p.frames))],
    ["full-size decode alone, wall", ...profiles.map((p) => perFrame(p.decode.seconds * 1000, p.frames))],
    ["full-size decode alone, CPU", ...profiles.map((p) => perFrame(p.decode.cpuSeconds * 1000, p.frames))],
  ];
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
