import { mediaTools } from "./tools";

export interface Command {
  command: string;
  args: string[];
}

export const ENGINE_CLI = "lib/lipsync/cli.ts";

/**
 * The baseline: a plain decode and re-encode of the clip with the speech as its audio, at the
 * engine's output settings (libx264 veryfast CRF 18, yuv420p, AAC 160k stereo 48 kHz, faststart),
 * cut to the clip's length.
 */
export function transcodeCommand(clip: string, speech: string, seconds: number, out: string): Command {
  return {
    command: mediaTools().ffmpeg,
    args: [
      "-y", "-v", "error",
      "-i", clip, "-i", speech,
      "-map", "0:v:0", "-map", "1:a:0",
      "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
      "-c:a", "aac", "-b:a", "160k", "-ac", "2", "-ar", "48000",
      "-t", String(seconds),
      "-movflags", "+faststart",
      out,
    ],
  };
}

/** The engine's CLI as a child process, the way a user runs it. */
export function engineCommand(clip: string, speech: string, out: string): Command {
  return {
    command: process.execPath,
    args: ["--import", "tsx", ENGINE_CLI, "--video", clip, "--audio", speech, "--out", out],
  };
}

export const WARM_ENGINE = "lib/tools/bench/warm-engine.ts";

/** One engine kept loaded, running the clip `runs` times in a row, as a child process. */
export function warmEngineCommand(clip: string, speech: string, out: string, runs: number): Command {
  return {
    command: process.execPath,
    args: ["--import", "tsx", WARM_ENGINE, "--video", clip, "--audio", speech, "--out", out, "--runs", String(runs)],
  };
}
