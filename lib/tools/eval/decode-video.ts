import { spawn } from "node:child_process";
import { ffmpegPath } from "@/lib/lipsync/media/binaries";

export interface DecodeOptions {
  /** Output size; must be what the filter chain produces. */
  width: number;
  height: number;
  fps: number;
  pixFmt: "rgb24" | "gray";
  /** Extra filters placed before the fps/scale step, e.g. a crop. */
  preFilter?: string;
}

/** Even size that fits in maxSide, keeping the aspect ratio (never upscales). */
export function scaledSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const k = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(2, Math.round((width * k) / 2) * 2), height: Math.max(2, Math.round((height * k) / 2) * 2) };
}

/** Yields decoded frames at a constant frame rate (frame i shows time i/fps), so indices line up across files. */
export async function* decodeFrames(file: string, o: DecodeOptions): AsyncGenerator<Buffer> {
  const channels = o.pixFmt === "rgb24" ? 3 : 1;
  const frameBytes = o.width * o.height * channels;
  const filters = [o.preFilter, `fps=${o.fps}`, `scale=${o.width}:${o.height}:flags=area`].filter(Boolean).join(",");
  const child = spawn(
    ffmpegPath(),
    ["-v", "error", "-nostdin", "-i", file, "-an", "-vf", filters, "-f", "rawvideo", "-pix_fmt", o.pixFmt, "pipe:1"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let err = "";
  child.stderr.on("data", (d: Buffer) => {
    err = (err + d.toString()).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < frameBytes) continue;
      let buf = Buffer.concat(pending);
      let offset = 0;
      while (buf.length - offset >= frameBytes) {
        yield buf.subarray(offset, offset + frameBytes);
        offset += frameBytes;
      }
      buf = buf.subarray(offset);
      pending = buf.length ? [Buffer.from(buf)] : [];
      pendingBytes = buf.length;
    }
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  const code = await exited;
  if (code !== 0 && code !== null) throw new Error(`ffmpeg failed decoding ${file}: ${err.trim()}`);
}
