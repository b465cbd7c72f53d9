import { AUDIO_RATE } from "./decode-audio";
import { pearson } from "./stats";

const STEP = AUDIO_RATE / 1000;

/**
 * How many milliseconds later `heard` (e.g. the output file's sound track) plays `reference` (the
 * speech the engine was given), from the best-matching shift of their 1 ms loudness envelopes
 * within ±maxMs. Catches an offset the container or the audio encoder adds, which a measure fed
 * with the original speech file cannot see.
 */
export function audioOffsetMs(reference: Float32Array, heard: Float32Array, maxMs = 200): { ms: number; r: number } {
  const envelope = (s: Float32Array) => Array.from({ length: Math.floor(s.length / STEP) }, (_, i) => {
    let sum = 0;
    for (let k = i * STEP; k < (i + 1) * STEP; k++) sum += Math.abs(s[k]);
    return sum / STEP;
  });
  const a = envelope(reference);
  const b = envelope(heard);
  let best = { ms: 0, r: -Infinity };
  for (let shift = -maxMs; shift <= maxMs; shift++) {
    const r = shift >= 0 ? pearson(a, b.slice(shift)) : pearson(a.slice(-shift), b);
    if (r > best.r) best = { ms: shift, r };
  }
  return best;
}
