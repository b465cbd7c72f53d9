/** Pure statistics used by the sync measures. NaN entries mean "no value" and are skipped pairwise. */

export function mean(xs: number[]): number {
  const v = xs.filter(Number.isFinite);
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : NaN;
}

/** Sample standard deviation (n - 1). */
export function std(xs: number[]): number {
  const v = xs.filter(Number.isFinite);
  if (v.length < 2) return NaN;
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
}

/** Pearson r over the indices where both series are finite; NaN below 3 pairs or zero variance. */
export function pearson(a: number[], b: number[]): number {
  let n = 0, sa = 0, sb = 0;
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      n++;
      sa += a[i];
      sb += b[i];
    }
  }
  if (n < 3) return NaN;
  const ma = sa / n, mb = sb / n;
  let cov = 0, va = 0, vb = 0;
  for (let i = 0; i < len; i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      cov += (a[i] - ma) * (b[i] - mb);
      va += (a[i] - ma) ** 2;
      vb += (b[i] - mb) ** 2;
    }
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : NaN;
}

/**
 * r between mouth[t + lag] and audio[t]: a positive lag means the mouth moves `lag` frames after
 * the sound that drives it.
 */
export function laggedPearson(mouth: number[], audio: number[], lag: number): number {
  if (lag >= 0) return pearson(mouth.slice(lag), audio);
  return pearson(mouth, audio.slice(-lag));
}

/** The lag in [-maxLag, maxLag] with the highest r (ties go to the smallest |lag|). */
export function bestLag(mouth: number[], audio: number[], maxLag: number): { lag: number; r: number } {
  let best = { lag: 0, r: laggedPearson(mouth, audio, 0) };
  for (let d = 1; d <= maxLag; d++) {
    for (const lag of [-d, d]) {
      const r = laggedPearson(mouth, audio, lag);
      if (r > best.r || !Number.isFinite(best.r)) best = { lag, r };
    }
  }
  return best;
}

/** Chance that a random positive scores above a random negative (ties count half): Mann-Whitney AUC. */
export function auc(positives: number[], negatives: number[]): number {
  const pos = positives.filter(Number.isFinite);
  const neg = negatives.filter(Number.isFinite);
  if (!pos.length || !neg.length) return NaN;
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** Centred moving average over `width` samples (odd), skipping NaN; shrinks at the edges. */
export function movingAverage(xs: number[], width: number): number[] {
  const h = Math.floor(width / 2);
  return xs.map((_, i) => mean(xs.slice(Math.max(0, i - h), i + h + 1)));
}

/** Fills NaN gaps by linear interpolation (edges take the nearest value); all-NaN stays NaN. */
export function fillGaps(xs: number[]): number[] {
  const known = xs.flatMap((x, i) => (Number.isFinite(x) ? [i] : []));
  if (!known.length) return xs.slice();
  return xs.map((x, i) => {
    if (Number.isFinite(x)) return x;
    const next = known.find((k) => k > i);
    const prev = [...known].reverse().find((k) => k < i);
    if (prev === undefined) return xs[next!];
    if (next === undefined) return xs[prev];
    return xs[prev] + ((xs[next] - xs[prev]) * (i - prev)) / (next - prev);
  });
}

export function quantile(xs: number[], q: number): number {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (pos - lo);
}
