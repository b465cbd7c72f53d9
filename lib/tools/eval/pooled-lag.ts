import { laggedPearson, quantile } from "./stats";

/** One (mouth, audio-derived) pair of per-frame series; lag > 0 means the mouth moves after the sound. */
export interface LagPair {
  mouth: number[];
  audio: number[];
}

export interface PooledLag {
  /** Peak of the frame-weighted mean r(lag) curve, refined between frames by a parabola. */
  lag: number;
  r: number;
  /** 5th and 95th percentile of the peak over bootstrap resamples of the pairs. */
  low: number;
  high: number;
  pairs: number;
}

/**
 * The lag of many pairs at once: one clip's r(lag) curve is flat and noisy (its best lag is good
 * to a few frames at most), but the mean curve over many pairs peaks sharply, and interpolating
 * around its peak gives the lag to a fraction of a frame.
 */
export function pooledLag(pairs: LagPair[], maxLag: number, resamples = 500): PooledLag {
  const lags = Array.from({ length: 2 * maxLag + 1 }, (_, i) => i - maxLag);
  const curves = pairs.map((p) => lags.map((lag) => laggedPearson(p.mouth, p.audio, lag)));
  const weights = pairs.map((p) => p.mouth.filter(Number.isFinite).length);
  const peakOf = (chosen: number[]) => {
    const curve = lags.map((_, k) => {
      let sum = 0, weight = 0;
      for (const i of chosen) {
        if (!Number.isFinite(curves[i][k])) continue;
        sum += curves[i][k] * weights[i];
        weight += weights[i];
      }
      return weight ? sum / weight : NaN;
    });
    return refinedPeak(lags, curve);
  };
  const all = pairs.map((_, i) => i);
  const { lag, r } = peakOf(all);
  // Deterministic resampling (a fixed linear congruential sequence), so reports are reproducible.
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const peaks = Array.from({ length: pairs.length > 1 ? resamples : 0 }, () => peakOf(all.map(() => Math.floor(next() * pairs.length))).lag);
  return { lag, r, low: quantile(peaks, 0.05), high: quantile(peaks, 0.95), pairs: pairs.length };
}

function refinedPeak(lags: number[], curve: number[]): { lag: number; r: number } {
  let k = -1;
  curve.forEach((r, i) => {
    if (Number.isFinite(r) && (k < 0 || r > curve[k])) k = i;
  });
  if (k < 0) return { lag: NaN, r: NaN };
  if (k === 0 || k === curve.length - 1 || !Number.isFinite(curve[k - 1]) || !Number.isFinite(curve[k + 1])) return { lag: lags[k], r: curve[k] };
  const [a, b, c] = [curve[k - 1], curve[k], curve[k + 1]];
  const denominator = a - 2 * b + c;
  const offset = denominator < 0 ? (0.5 * (a - c)) / denominator : 0;
  return { lag: lags[k] + offset, r: b - 0.25 * (a - c) * offset };
}

/** The samples delayed by `seconds` (silence in front): a known offset the lag measure must find. */
export function delayAudio(samples: Float32Array, seconds: number, rate: number): Float32Array {
  const pad = Math.round(seconds * rate);
  const out = new Float32Array(samples.length + pad);
  out.set(samples, pad);
  return out;
}
