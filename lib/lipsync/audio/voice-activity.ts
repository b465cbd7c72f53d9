import { percentile } from "./loudness";

/** Level swing (dB, 90th over 10th percentile) of anything that may be speech: syllables come and go, steady noise and hum do not. */
const MIN_SPEECH_SWING = 4;
/** Without pauses, frames this far under the speech level still count as speech. */
const DENSE_SPEECH_RANGE = 12;

/**
 * Marks frames that carry speech, relative to the clip's own speech level and noise floor,
 * then closes short gaps (a stop consonant is not a pause) and drops isolated blips.
 */
export function detectVoiceActivity(levels: Float32Array, fps: number): { voiced: Uint8Array; threshold: number; speechLevel: number } {
  const speechLevel = percentile(levels, 0.9);
  const noiseFloor = percentile(levels, 0.1);
  // The noise floor is measured in the clip's pauses. Dense speech with none (a compressed voice,
  // speech over a music bed) has its consonants there instead, which put most of the speech under
  // the threshold and froze the mouth.
  const aboveFloor = speechLevel - noiseFloor >= MIN_SPEECH_SWING ? Math.min(noiseFloor + 6, speechLevel - DENSE_SPEECH_RANGE) : noiseFloor + 6;
  const threshold = Math.max(aboveFloor, speechLevel - 28, -60);
  const voiced = new Uint8Array(levels.length);
  for (let f = 0; f < levels.length; f++) voiced[f] = levels[f] > threshold ? 1 : 0;
  fillRuns(voiced, 0, Math.round(0.12 * fps), 1);
  fillRuns(voiced, 1, Math.max(1, Math.round(0.05 * fps)), 0);
  return { voiced, threshold, speechLevel };
}

/** Replaces runs of `value` no longer than `maxLength` that sit between other values. */
function fillRuns(mask: Uint8Array, value: number, maxLength: number, replacement: number): void {
  let f = 0;
  while (f < mask.length) {
    if (mask[f] !== value) {
      f++;
      continue;
    }
    let end = f;
    while (end < mask.length && mask[end] === value) end++;
    const interior = f > 0 && end < mask.length;
    if (interior && end - f <= maxLength) mask.fill(replacement, f, end);
    f = end;
  }
}
