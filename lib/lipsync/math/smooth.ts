/**
 * Zero-phase smoothing: a one-pole low-pass run forwards then backwards, so the mouth
 * anticipates a sound as much as it lingers after it and the track is not delayed.
 */
export function smoothZeroPhase(values: Float32Array, timeConstantFrames: number): Float32Array {
  const alpha = 1 - Math.exp(-1 / Math.max(timeConstantFrames, 1e-3));
  const out = Float32Array.from(values);
  for (let i = 1; i < out.length; i++) out[i] = out[i - 1] + alpha * (out[i] - out[i - 1]);
  for (let i = out.length - 2; i >= 0; i--) out[i] = out[i + 1] + alpha * (out[i] - out[i + 1]);
  return out;
}
