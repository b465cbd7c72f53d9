import { ANALYSIS_SAMPLE_RATE } from "../media/decode-audio";

/** RMS level in dBFS of a 40 ms window centred on each video frame's display interval. */
export function frameLoudness(samples: Float32Array, fps: number, frameCount: number): Float32Array {
  const levels = new Float32Array(frameCount);
  const half = Math.round(0.02 * ANALYSIS_SAMPLE_RATE);
  for (let f = 0; f < frameCount; f++) {
    const centre = Math.round(((f + 0.5) / fps) * ANALYSIS_SAMPLE_RATE);
    const start = Math.max(0, centre - half);
    const end = Math.min(samples.length, centre + half);
    let energy = 0;
    for (let i = start; i < end; i++) energy += samples[i] * samples[i];
    const rms = end > start ? Math.sqrt(energy / (end - start)) : 0;
    levels[f] = 20 * Math.log10(rms + 1e-6);
  }
  return levels;
}

export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))];
}
