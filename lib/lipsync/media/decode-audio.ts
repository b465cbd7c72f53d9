import { LipsyncError } from "../errors";
import { ffmpegPath } from "./binaries";
import { runProcess } from "./run-process";

export const ANALYSIS_SAMPLE_RATE = 16000;

/** ffmpeg is given times to the millisecond. */
const toMilliseconds = (seconds: number) => seconds.toFixed(3);

/** The first `seconds` of decoded samples: the same samples `decodeAudio` gives when limited to `seconds`. */
export function firstSeconds(samples: Float32Array, seconds: number): Float32Array {
  return samples.subarray(0, Math.round(Number(toMilliseconds(seconds)) * ANALYSIS_SAMPLE_RATE));
}

/** Decodes the first audio stream to mono float32 at 16 kHz, at most `maxSeconds` long. */
export async function decodeAudio(file: string, maxSeconds: number, signal?: AbortSignal): Promise<Float32Array> {
  try {
    const { stdout } = await runProcess(
      ffmpegPath(),
      [
        "-v", "error", "-nostdin",
        "-i", file,
        "-map", "0:a:0",
        "-t", toMilliseconds(maxSeconds),
        "-ac", "1", "-ar", String(ANALYSIS_SAMPLE_RATE),
        "-f", "f32le", "-",
      ],
      signal,
    );
    // Copy into an aligned buffer: the pipe's Buffer may start at an odd offset.
    const samples = new Float32Array(Math.floor(stdout.length / 4));
    new Uint8Array(samples.buffer).set(stdout.subarray(0, samples.length * 4));
    return samples;
  } catch (error) {
    if (error instanceof LipsyncError) throw error;
    throw new LipsyncError(
      "UNREADABLE_FILE",
      "The audio could not be decoded (it may be corrupt or truncated). Re-export it as WAV or MP3 and try again.",
      { cause: String(error) },
    );
  }
}
