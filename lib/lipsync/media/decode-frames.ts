import { spawn } from "node:child_process";
import { closeSync, constants, openSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { LipsyncError } from "../errors";
import { ffmpegPath } from "./binaries";
import type { FramePool } from "./frame-pool";
import { cancelledError, runProcess } from "./run-process";

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
  /**
   * Decoding threads (ffmpeg's choice when omitted). 1 where other processes keep the cores busy:
   * frame threads then only add their hand-overs, about a quarter more CPU (docs/benchmarks.md).
   */
  threads?: number;
}

function frameByteLength(width: number, height: number, pixelFormat: DecodeOptions["pixelFormat"]): number {
  return pixelFormat === "rgb24" ? width * height * 3 : (width * height * 3) / 2;
}

const READ_AHEAD_FRAMES = 3;

/**
 * Streams a video's frames as raw buffers, one per decoded frame, in display orientation.
 * A few frames are decoded ahead; beyond that ffmpeg is paused (pipe backpressure), so memory
 * stays bounded whatever the video's length.
 *
 * ffmpeg writes to a named pipe that Node reads straight into the frame buffers (net.Socket's
 * `onread`). Read from ffmpeg's stdout, every 64 KB chunk was a new buffer, and collecting
 * them cost Node more than the reading itself (docs/benchmarks.md, 2026-12-07).
 */
export async function* decodeFrames(file: string, { width, height, videoFilter, pixelFormat, startSeconds, signal, pool, threads }: DecodeOptions): AsyncGenerator<Buffer> {
  if (signal?.aborted) throw cancelledError();
  const frameBytes = frameByteLength(width, height, pixelFormat);
  if (pool && pool.frameBytes !== frameBytes) throw new Error(`The frame pool holds ${pool.frameBytes}-byte frames, not ${frameBytes}.`);
  const newFrame = () => pool?.take() ?? Buffer.allocUnsafe(frameBytes);
  const dir = await mkdtemp(path.join(tmpdir(), "lipsync-frames-"));
  let fd: number | undefined;
  let reader: Socket | undefined;
  try {
    const fifo = path.join(dir, "frames");
    await runProcess("mkfifo", ["-m", "600", fifo]);
    // Opened before ffmpeg starts, without waiting for a writer: ffmpeg's own open then succeeds at once.
    fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const child = spawn(
      ffmpegPath(),
      [
        "-v", "error", "-nostdin", "-y",
        ...(startSeconds ? ["-ss", startSeconds.toFixed(6)] : []),
        ...(threads ? ["-threads", String(threads)] : []),
        "-i", file,
        "-map", "0:v:0",
        "-vsync", "passthrough",
        ...(videoFilter ? ["-vf", videoFilter] : []),
        "-f", "rawvideo", "-pix_fmt", pixelFormat, fifo,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
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
    reader = new Socket({
      fd,
      readable: true,
      writable: false,
      onread: {
        buffer: () => current.subarray(filled),
        callback: (bytes) => {
          filled += bytes;
          if (filled < frameBytes) return true;
          ready.push(current);
          current = newFrame();
          filled = 0;
          wake?.();
          return ready.length < READ_AHEAD_FRAMES;
        },
      },
    });
    const finish = () => {
      ended = true;
      wake?.();
    };
    reader.on("end", finish);
    reader.on("error", finish);
    // An ffmpeg that exits before opening its output never ends the pipe: a writer's open and close does.
    void exited.then(() => {
      if (ended) return;
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        finish(); // no reader left to wake (ENXIO)
      }
    });

    try {
      for (;;) {
        const frame = ready.shift();
        if (frame) {
          if (ready.length < READ_AHEAD_FRAMES) reader.resume();
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
  } finally {
    // The socket owns the descriptor once made: closing both would close a number reused since.
    if (reader) reader.destroy();
    else if (fd !== undefined) closeSync(fd);
    await rm(dir, { recursive: true, force: true });
  }
}

function lastLine(text: string): string {
  return text.trim().split("\n").slice(-1)[0] ?? "unknown decoder error";
}
