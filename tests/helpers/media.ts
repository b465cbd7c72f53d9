import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ffmpegPath, ffprobePath } from "@/lib/lipsync/media/binaries";

const run = promisify(execFile);
export const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));
export const FIXTURE_VIDEO = path.join(FIXTURES, "astronaut.mp4");
export const FIXTURE_SPEECH = path.join(FIXTURES, "speech.wav");

/** Runs the shipped ffmpeg with the given arguments (overwrite, errors only). */
export async function ffmpeg(...args: string[]): Promise<void> {
  await run(ffmpegPath(), ["-v", "error", "-y", ...args], { maxBuffer: 64 * 1024 * 1024 });
}

/** MD5 of every decoded frame (all planes), from ffmpeg's framemd5. */
export async function frameHashes(file: string): Promise<string[]> {
  const { stdout } = await run(ffmpegPath(), ["-v", "error", "-i", file, "-map", "0:v:0", "-f", "framemd5", "-"], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.split("\n").filter((line) => line && !line.startsWith("#")).map((line) => line.split(",").at(-1)!.trim());
}

export interface StreamFacts {
  codec: string;
  width?: number;
  height?: number;
  pixelFormat?: string;
  frames?: number;
  duration: number;
}

/** Probes a file's streams; counts video frames by decoding them, as a player would. */
export async function probeStreams(file: string): Promise<{ video?: StreamFacts; audio?: StreamFacts }> {
  const { stdout } = await run(ffprobePath(), [
    "-v", "error", "-count_frames", "-print_format", "json", "-show_streams", "-show_format", file,
  ]);
  const data = JSON.parse(stdout) as {
    streams: Array<Record<string, string | number>>;
    format: { duration?: string };
  };
  const facts = (type: string): StreamFacts | undefined => {
    const s = data.streams.find((stream) => stream.codec_type === type);
    if (!s) return undefined;
    return {
      codec: String(s.codec_name),
      width: s.width === undefined ? undefined : Number(s.width),
      height: s.height === undefined ? undefined : Number(s.height),
      pixelFormat: s.pix_fmt === undefined ? undefined : String(s.pix_fmt),
      frames: s.nb_read_frames === undefined ? undefined : Number(s.nb_read_frames),
      duration: Number(s.duration ?? data.format.duration),
    };
  };
  return { video: facts("video"), audio: facts("audio") };
}

/** Decodes every frame's luma plane (grey bytes) at the file's own size. */
export async function decodeLuma(file: string, width: number, height: number): Promise<Uint8Array[]> {
  const { stdout } = await run(
    ffmpegPath(),
    ["-v", "error", "-i", file, "-vsync", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray", "-"],
    { encoding: "buffer", maxBuffer: 1024 * 1024 * 1024 },
  );
  const size = width * height;
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset + size <= stdout.length; offset += size) frames.push(new Uint8Array(stdout.subarray(offset, offset + size)));
  return frames;
}

/** Decodes audio to mono 16 kHz float samples. */
export async function decodeMono(file: string): Promise<Float32Array> {
  const { stdout } = await run(ffmpegPath(), ["-v", "error", "-i", file, "-ac", "1", "-ar", "16000", "-f", "f32le", "-"], {
    encoding: "buffer",
    maxBuffer: 256 * 1024 * 1024,
  });
  const samples = new Float32Array(stdout.length / 4);
  new Uint8Array(samples.buffer).set(stdout);
  return samples;
}

/** A fresh temporary directory, removed by the returned cleanup function. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lipsync-test-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Mean absolute difference between two grey images inside a box. */
export function meanAbsDiff(a: Uint8Array, b: Uint8Array, width: number, box: Box): number {
  let sum = 0;
  let count = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      sum += Math.abs(a[y * width + x] - b[y * width + x]);
      count++;
    }
  }
  return sum / Math.max(1, count);
}

/** PSNR in dB between two grey images over the pixels for which `include` is true. */
export function psnr(a: Uint8Array, b: Uint8Array, width: number, include: (x: number, y: number) => boolean): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    if (!include(i % width, Math.floor(i / width))) continue;
    const d = a[i] - b[i];
    sum += d * d;
    count++;
  }
  const mse = sum / Math.max(1, count);
  return mse === 0 ? 99 : 10 * Math.log10((255 * 255) / mse);
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function inBox(box: Box): (x: number, y: number) => boolean {
  return (x, y) => x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1;
}
