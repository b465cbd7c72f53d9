import { spawn } from "node:child_process";
import { LipsyncError } from "../errors";
import { ffmpegPath } from "./binaries";
import type { FramePool } from "./frame-pool";
import { cancelledError } from "./run-process";

export interface DecodeOptions {
  /** Size of the frames the filter produces. */
  width: number;
  height: number;
  /** ffmpeg filter that brings the displayed frames to width x height (scale or pad). */
  videoFilter?: string;
  /** rgb24 for the face tracker; yuv420p (even sizes only) for rendering, with no colour conversion. */
  pixelFormat: "rgb24" | "yuv420p";
  /** Start decoding at this time (accurate seek: frames before it are decoded and dropped). */
  startSeconds?: number;
  signal?: AbortSignal;
  /** Where frame buffers come from; the consumer gives each back when done with it. */
  pool?: FramePool;
}

function frameByteLength(width: number, height: number, pixelFormat: DecodeOptions["pixelFormat"]): number {
  return pixelFormat === "rgb24" ? width * height * 3 : (width * height * 3) / 2;
}

const READ_AHEAD_FRAMES = 3;

/**
 * Streams a video's frames as raw buffers, one per decoded frame, in display orientation.
 * A few frames are decoded ahead; beyond that ffmpeg is paused (pipe backpressure), so memory
 * stays bounded whatever the video's length.
 */
export async function* decodeFrames(file: string, { width, height, videoFilter, pixelFormat, startSeconds, signal, pool }: DecodeOptions): AsyncGenerator<Buffer> {
  if (signal?.aborted) throw cancelledError();
  const frameBytes = frameByteLength(width, height, pixelFormat);
  if (pool && pool.frameBytes !== frameBytes) throw new Error(`The frame pool holds ${pool.frameBytes}-byte frames, not ${frameBytes}.`);
  const newFrame = () => pool?.take() ?? Buffer.allocUnsafe(frameBytes);
  const child = spawn(
    ffmpegPath(),
    [
      "-v", "error", "-nostdin",
      ...(startSeconds ? ["-ss", startSeconds.toFixed(6)] : []),
      "-i", file,
      "-map", "0:v:0",
      "-vsync", "passthrough",
      ...(videoFilter ? ["-vf", videoFilter] : []),
      "-f", "rawvideo", "-pix_fmt", pixelFormat, "-",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const onAbort = () => child.kill("SIGKILL");
  signal?.addEventListener("abort", onAbort, { once: true });

  // Read ahead a few frames so ffmpeg keeps decoding while the consumer works, then pause it.
  const ready: Buffer[] = [];
  let current = newFrame();
  let filled = 0;
  let ended = false;
  let wake: (() => void) | undefined;
  child.stdout.on("data", (chunk: Buffer) => {
    for (let offset = 0; offset < chunk.length; ) {
      const n = Math.min(frameBytes - filled, chunk.length - offset);
      chunk.copy(current, filled, offset, offset + n);
      filled += n;
      offset += n;
      if (filled === frameBytes) {
        ready.push(current);
        current = newFrame();
        filled = 0;
      }
    }
    if (ready.length >= READ_AHEAD_FRAMES) child.stdout.pause();
    wake?.();
  });
  const finish = () => {
    ended = true;
    wake?.();
  };
  child.stdout.on("end", finish);
  child.stdout.on("error", finish);

  try {
    for (;;) {
      const frame = ready.shift();
      if (frame) {
        if (ready.length < READ_AHEAD_FRAMES) child.stdout.resume();
        yield frame;
      } else if (ended) {
        break;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    }
    const code = await exited;
    if (signal?.aborted) throw cancelledError();
    if (code !== 0) {
      throw new LipsyncError(
        "UNREADABLE_FILE",
        `The video could not be decoded (it may be corrupt or truncated): ${lastLine(stderr)}`,
        { stderr: stderr.slice(-2000) },
      );
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // Stop ffmpeg when the consumer leaves early, and wait so no process outlives the call.
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  }
}

function lastLine(text: string): string {
  return text.trim().split("\n").slice(-1)[0] ?? "unknown decoder error";
}
