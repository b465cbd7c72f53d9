import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { LipsyncError } from "../errors";
import { ffmpegPath } from "./binaries";
import { FifoFrames } from "./fifo-frames";
import type { FramePool } from "./frame-pool";
import { cancelledError, runProcess } from "./run-process";

/** One stream of raw frames out of a decode. */
export interface FrameOutput {
  /** Size of the frames the filter produces. */
  width: number;
  height: number;
  /** ffmpeg filter that brings the displayed frames to width x height (scale or pad). */
  videoFilter?: string;
  /** rgb24 for the face tracker; yuv420p (even sizes only) for rendering, with no colour conversion. */
  pixelFormat: "rgb24" | "yuv420p";
  /** Where frame buffers come from; the consumer gives each back when done with it. */
  pool?: FramePool;
}

interface DecodeRun {
  /** Start decoding at this time (accurate seek: frames before it are decoded and dropped). */
  startSeconds?: number;
  signal?: AbortSignal;
  /**
   * Decoding threads (ffmpeg's choice when omitted). 1 where other processes keep the cores busy:
   * frame threads then only add their hand-overs, about a quarter more CPU (docs/benchmarks.md).
   */
  threads?: number;
}

export interface DecodeOptions extends FrameOutput, DecodeRun {}

export interface DecodeSetsOptions extends DecodeRun {
  /** Filter on the decoded frames before they are split into the outputs (select, for one). */
  sharedFilter?: string;
  outputs: FrameOutput[];
}

/**
 * Streams a video's frames as raw buffers, one per decoded frame, in display orientation. A few
 * frames are decoded ahead; beyond that ffmpeg is paused (pipe backpressure), so memory stays
 * bounded whatever the video's length.
 */
export async function* decodeFrames(file: string, { startSeconds, signal, threads, ...output }: DecodeOptions): AsyncGenerator<Buffer> {
  for await (const [frame] of decodeFrameSets(file, { outputs: [output], startSeconds, signal, threads })) yield frame;
}

/**
 * One decode, several outputs: each decoded frame comes as one buffer per output (a small RGB
 * copy for the face tracker beside the full-size frame, say), so the video is decoded once for
 * all of them. Each output has its own named pipe, read as in FifoFrames.
 */
export async function* decodeFrameSets(file: string, { outputs, sharedFilter, startSeconds, signal, threads }: DecodeSetsOptions): AsyncGenerator<Buffer[]> {
  if (signal?.aborted) throw cancelledError();
  const dir = await mkdtemp(path.join(tmpdir(), "lipsync-frames-"));
  const readers: FifoFrames[] = [];
  try {
    const fifos = outputs.map((_, k) => path.join(dir, `frames-${k}`));
    await runProcess("mkfifo", ["-m", "600", ...fifos]);
    outputs.forEach((output, k) => readers.push(new FifoFrames(fifos[k], frameByteLength(output), output.pool)));
    const child = spawn(
      ffmpegPath(),
      [
        "-v", "error", "-nostdin", "-y",
        ...(startSeconds ? ["-ss", startSeconds.toFixed(6)] : []),
        ...(threads ? ["-threads", String(threads)] : []),
        "-i", file,
        "-vsync", "passthrough",
        ...filterArguments(outputs, sharedFilter),
        ...outputs.flatMap((output, k) => [...(outputs.length > 1 ? ["-map", `[out${k}]`] : []), "-f", "rawvideo", "-pix_fmt", output.pixelFormat, fifos[k]]),
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const onAbort = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", onAbort, { once: true });
    void exited.then(() => readers.forEach((reader) => reader.writerExited()));

    try {
      for (;;) {
        const set = await Promise.all(readers.map((reader) => reader.next()));
        if (set.some((frame) => !frame)) break;
        yield set as Buffer[];
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
    readers.forEach((reader) => reader.close());
    await rm(dir, { recursive: true, force: true });
  }
}

/** One output: a plain filter chain on the first video stream. Several: a split after the shared filter. */
function filterArguments(outputs: FrameOutput[], sharedFilter?: string): string[] {
  if (outputs.length === 1) {
    const chain = [sharedFilter, outputs[0].videoFilter].filter(Boolean).join(",");
    return ["-map", "0:v:0", ...(chain ? ["-vf", chain] : [])];
  }
  const split = `[0:v:0]${sharedFilter ? `${sharedFilter},` : ""}split=${outputs.length}${outputs.map((_, k) => `[in${k}]`).join("")}`;
  const branches = outputs.map((output, k) => `[in${k}]${output.videoFilter ?? "null"}[out${k}]`);
  return ["-filter_complex", [split, ...branches].join(";")];
}

function frameByteLength({ width, height, pixelFormat }: FrameOutput): number {
  return pixelFormat === "rgb24" ? width * height * 3 : (width * height * 3) / 2;
}

function lastLine(text: string): string {
  return text.trim().split("\n").slice(-1)[0] ?? "unknown decoder error";
}
