import { spawn } from "node:child_process";
import { once } from "node:events";
import { LipsyncError } from "../errors";
import { ffmpegPath } from "./binaries";
import { cancelledError } from "./run-process";

export interface EncoderOptions {
  output: string;
  width: number;
  height: number;
  /** Output frame rate: frames / duration of the input, so the duration is kept. */
  fps: number;
  /** Audio to mux; cut or padded with silence to exactly `duration` seconds. */
  audio: string;
  duration: number;
  crf: number;
  preset: string;
  signal?: AbortSignal;
}

export interface FrameEncoder {
  /**
   * Queues one yuv420p frame (the encoder owns it until `written` is called: the pipe has taken
   * it, and the buffer may be reused); resolves when it can take more.
   */
  write(frame: Buffer, written?: () => void): Promise<void>;
  /** Ends the stream and waits for ffmpeg to finish the file. */
  finish(): Promise<void>;
  /** Stops ffmpeg and waits for it to exit; the partial file is the caller's to delete. */
  abort(): Promise<void>;
}

const QUEUED_FRAMES = 3;

/**
 * ffmpeg's words for an output it cannot write. It may still exit with code 0 (a failed trailer),
 * and with two inputs it may wait forever for its stdin reader before exiting at all.
 */
export const OUTPUT_WRITE_FAILED = /No space left on device|Disk quota exceeded|File too large|Error writing trailer/i;

/** Starts ffmpeg encoding raw yuv420p frames from stdin to H.264 + AAC MP4 with +faststart. */
export function startEncoder(options: EncoderOptions): FrameEncoder {
  const { output, width, height, fps, audio, duration, crf, preset, signal } = options;
  const child = spawn(
    ffmpegPath(),
    [
      "-v", "error", "-y",
      "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", `${width}x${height}`, "-framerate", fps.toFixed(6), "-i", "pipe:0",
      "-i", audio,
      "-map", "0:v:0", "-map", "1:a:0",
      "-c:v", "libx264", "-preset", preset, "-crf", String(crf), "-pix_fmt", "yuv420p",
      "-af", `aresample=48000,apad,atrim=end=${duration.toFixed(6)}`,
      "-c:a", "aac", "-b:a", "160k", "-ac", "2",
      "-movflags", "+faststart",
      "-f", "mp4", output,
    ],
    { stdio: ["pipe", "ignore", "pipe"] },
  );
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const kill = () => child.kill("SIGKILL");
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
    if (OUTPUT_WRITE_FAILED.test(stderr)) kill();
  });
  child.stdin.on("error", () => undefined); // reported through the exit code instead
  signal?.addEventListener("abort", kill, { once: true });

  return {
    async write(frame, written) {
      if (child.exitCode !== null || child.signalCode !== null) throw encoderError(stderr);
      // Let a few frames queue up so rendering and encoding overlap; wait beyond that (a write
      // error, ffmpeg gone, ends the wait like its exit: the next write reports why).
      child.stdin.write(frame, written && (() => written()));
      if (child.stdin.writableLength > frame.length * QUEUED_FRAMES) {
        await Promise.race([once(child.stdin, "drain").catch(() => exited), exited]);
      }
    },
    async finish() {
      child.stdin.end();
      const code = await exited;
      signal?.removeEventListener("abort", kill);
      if (signal?.aborted) throw cancelledError();
      if (code !== 0 || OUTPUT_WRITE_FAILED.test(stderr)) throw encoderError(stderr);
    },
    async abort() {
      kill();
      await exited;
      signal?.removeEventListener("abort", kill);
    },
  };
}

function encoderError(stderr: string): LipsyncError {
  const disk = /No space left on device/i.test(stderr);
  return new LipsyncError(
    "ENGINE_FAILURE",
    disk ? "The output could not be written: no space left on the device." : `Encoding failed: ${stderr.trim().split("\n").slice(-2).join(" | ")}`,
    { stderr: stderr.slice(-2000) },
  );
}
