import { ffmpegPath } from "@/lib/lipsync/media/binaries";
import { runCapture } from "./run-process";

export const AUDIO_RATE = 16000;

/** Decodes the first audio stream to mono 16 kHz float32. */
export async function decodeAudio(file: string): Promise<Float32Array> {
  const out = await runCapture(ffmpegPath(), [
    "-v", "error", "-nostdin", "-i", file, "-vn", "-ac", "1", "-ar", String(AUDIO_RATE), "-f", "f32le", "pipe:1",
  ]);
  // Copy: the Buffer's byte offset need not be 4-aligned.
  const aligned = new Uint8Array(out.length - (out.length % 4));
  aligned.set(out.subarray(0, aligned.length));
  return new Float32Array(aligned.buffer);
}
