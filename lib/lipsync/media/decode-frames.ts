import { spawn } from "node:child_process";
import { LipsyncError } from "../errors";
import { ffmpegPath } from "./binaries";
import { cancelledError } from "./run-process";

export interface DecodeOptions {
  /** Size of the frames the filter produces. */
  width: number;
  height: number;
  /** ffmpeg filter that brings the displayed frames to width x height (scale or pad). */
  videoFilter?: string;
  /** rgb24 for the face tracker; yuv420p (even sizes only) for rendering, with no colour conversion. */
  pixelFormat: "rgb24" | "yuv420p";
  signal?: AbortSignal;
}

export function frameByteLength(width: number, height: number, pixelFormat: DecodeOptions["pixelFormat"]): number {
  return pixelFormat === "rgb24" ? width * height * 3 : (width * height * 3) / 2;
}

/**
 * Streams a video's frames as raw buffers, one per decoded frame, in display orientation. Reading pauses ffmpeg when the consumer is slower (pipe backpressure), so
 * memory stays bounded whatever the video's length.
 */
export async function* decodeFrames(file: string, { width, height, videoFilter, pixelFormat, signal }: DecodeOptions): AsyncGenerator<Buffer> {
  if (signal?.aborted) throw cancelledError();
  const frameBytes = frameByteLength(width, height, pixelFormat);
  const child = spawn(
    ffmpegPath(),
    [
      "-v", "error", "-nostdin",
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

  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= frameBytes) {
        const joined = pending.length === 1 ? pending[0] : Buffer.concat(pending);
        yield Buffer.from(joined.subarray(0, frameBytes));
        const rest = joined.subarray(frameBytes);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
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
