import { percentile } from "./loudness";

/**
 * Marks frames that carry speech, relative to the clip's own speech level and noise floor,
 * then closes short gaps (a stop consonant is not a pause) and drops isolated blips.
 */
export function detectVoiceActivity(levels: Float32Array, fps: number): { voiced: Uint8Array; threshold: number; speechLevel: number } {
  const speechLevel = percentile(levels, 0.9);
  const noiseFloor = percentile(levels, 0.1);
  const threshold = Math.max(noiseFloor + 6, speechLevel - 28, -60);
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
