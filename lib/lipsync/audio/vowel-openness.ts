import FFT from "fft.js";
import { ANALYSIS_SAMPLE_RATE } from "../media/decode-audio";

const WINDOW = 512;
/** The first formant (F1) lives here; its height tracks how open the vowel is. */
const F1_LOW_HZ = 200;
const F1_HIGH_HZ = 1000;
/** Centroid of the F1 band for a close vowel (i, u) and an open one (a). */
const CLOSE_VOWEL_HZ = 380;
const OPEN_VOWEL_HZ = 680;

/**
 * Vowel openness per video frame, 0 (close: "ee", "oo") to 1 (open: "aa"), from the centroid
 * of spectral power in the first-formant band over a 32 ms window: F1 rises as the jaw drops.
 */
export function vowelOpenness(samples: Float32Array, fps: number, frameCount: number): Float32Array {
  const fft = new FFT(WINDOW);
  const input = new Array<number>(WINDOW).fill(0);
  const spectrum = fft.createComplexArray() as number[];
  const hann = Array.from({ length: WINDOW }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (WINDOW - 1)));
  const binHz = ANALYSIS_SAMPLE_RATE / WINDOW;
  const lowBin = Math.ceil(F1_LOW_HZ / binHz);
  const highBin = Math.floor(F1_HIGH_HZ / binHz);
  const openness = new Float32Array(frameCount);
  for (let f = 0; f < frameCount; f++) {
    const start = Math.round(((f + 0.5) / fps) * ANALYSIS_SAMPLE_RATE) - WINDOW / 2;
    for (let i = 0; i < WINDOW; i++) {
      const s = start + i;
      input[i] = s >= 0 && s < samples.length ? samples[s] * hann[i] : 0;
    }
    fft.realTransform(spectrum, input);
    let power = 0;
    let moment = 0;
    for (let bin = lowBin; bin <= highBin; bin++) {
      const p = spectrum[2 * bin] ** 2 + spectrum[2 * bin + 1] ** 2;
      power += p;
      moment += p * bin * binHz;
    }
    const centroid = power > 0 ? moment / power : CLOSE_VOWEL_HZ;
    openness[f] = Math.min(1, Math.max(0, (centroid - CLOSE_VOWEL_HZ) / (OPEN_VOWEL_HZ - CLOSE_VOWEL_HZ)));
  }
  return openness;
}
