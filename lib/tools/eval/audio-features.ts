import { CEPSTRA_HOP_SECONDS, logMelCepstra, N_CEPSTRA } from "./cepstra";
import { AUDIO_RATE } from "./decode-audio";

/** RMS of the samples under each video frame (frame i covers [i/fps, (i+1)/fps)); NaN past the audio's end. */
export function frameRms(samples: Float32Array, fps: number, frames: number, rate = AUDIO_RATE): number[] {
  return Array.from({ length: frames }, (_, i) => {
    const a = Math.round((i * rate) / fps);
    const b = Math.min(samples.length, Math.round(((i + 1) * rate) / fps));
    if (b <= a) return NaN;
    let s = 0;
    for (let k = a; k < b; k++) s += samples[k] * samples[k];
    return Math.sqrt(s / (b - a));
  });
}

export function toDb(rms: number): number {
  return 20 * Math.log10(rms + 1e-6);
}

/** Context offsets sampled around each frame: -200 ms to +200 ms in 50 ms steps. */
export const CONTEXT_OFFSETS = [-0.2, -0.15, -0.1, -0.05, 0, 0.05, 0.1, 0.15, 0.2];

/**
 * Per video frame, the log-mel cepstra (mean-normalised over the part of the audio under the
 * video) averaged over 50 ms around each context offset, concatenated. Past the audio: zeros.
 */
export function contextFeatures(samples: Float32Array, fps: number, frames: number): number[][] {
  const cep = logMelCepstra(samples, AUDIO_RATE);
  const centre = (j: number) => (j * 160 + 200) / AUDIO_RATE;
  const used = cep.filter((_, j) => centre(j) < frames / fps);
  const mean = new Array<number>(N_CEPSTRA).fill(0);
  for (const row of used) for (let c = 0; c < N_CEPSTRA; c++) mean[c] += row[c] / Math.max(1, used.length);
  return Array.from({ length: frames }, (_, i) => {
    const t = (i + 0.5) / fps;
    return CONTEXT_OFFSETS.flatMap((o) => {
      const from = Math.max(0, Math.ceil((t + o - 0.025 - 0.0125) / CEPSTRA_HOP_SECONDS));
      const to = Math.min(cep.length - 1, Math.floor((t + o + 0.025 - 0.0125) / CEPSTRA_HOP_SECONDS));
      const avg = new Array<number>(N_CEPSTRA).fill(0);
      if (to < from) return avg;
      for (let j = from; j <= to; j++) for (let c = 0; c < N_CEPSTRA; c++) avg[c] += (cep[j][c] - mean[c]) / (to - from + 1);
      return avg;
    });
  });
}
