/** Log-mel cepstra of 16 kHz mono audio: 25 ms Hann windows every 10 ms, 40 mel bands, 13 coefficients. Pure. */

export const CEPSTRA_HOP_SECONDS = 0.01;
const WIN = 400;
const HOP = 160;
const NFFT = 512;
const BANDS = 40;
export const N_CEPSTRA = 13;

/** In-place iterative radix-2 FFT of (re, im), length a power of two. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k), wi = Math.sin(ang * k);
        const a = i + k, b = a + len / 2;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

function melFilterbank(sampleRate: number): Float64Array[] {
  const mel = (f: number) => 2595 * Math.log10(1 + f / 700);
  const hz = (m: number) => 700 * (10 ** (m / 2595) - 1);
  const lo = mel(60), hi = mel(Math.min(7600, sampleRate / 2));
  const edges = Array.from({ length: BANDS + 2 }, (_, i) => (hz(lo + ((hi - lo) * i) / (BANDS + 1)) * NFFT) / sampleRate);
  return Array.from({ length: BANDS }, (_, b) => {
    const w = new Float64Array(NFFT / 2 + 1);
    for (let k = 0; k < w.length; k++) {
      const up = (k - edges[b]) / (edges[b + 1] - edges[b]);
      const down = (edges[b + 2] - k) / (edges[b + 2] - edges[b + 1]);
      w[k] = Math.max(0, Math.min(up, down));
    }
    return w;
  });
}

/** One row of N_CEPSTRA per 10 ms hop; row j is centred at (j * 160 + 200) / 16000 s. */
export function logMelCepstra(samples: Float32Array, sampleRate = 16000): number[][] {
  const bank = melFilterbank(sampleRate);
  const hann = Float64Array.from({ length: WIN }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (WIN - 1)));
  const dct = Array.from({ length: N_CEPSTRA }, (_, c) =>
    Float64Array.from({ length: BANDS }, (_, b) => Math.cos((Math.PI * c * (b + 0.5)) / BANDS)),
  );
  const rows: number[][] = [];
  const re = new Float64Array(NFFT), im = new Float64Array(NFFT);
  const logMel = new Float64Array(BANDS);
  for (let start = 0; start + WIN <= samples.length; start += HOP) {
    re.fill(0);
    im.fill(0);
    for (let i = 0; i < WIN; i++) {
      const prev = start + i > 0 ? samples[start + i - 1] : 0;
      re[i] = (samples[start + i] - 0.97 * prev) * hann[i];
    }
    fft(re, im);
    for (let b = 0; b < BANDS; b++) {
      let e = 0;
      const w = bank[b];
      for (let k = 0; k < w.length; k++) if (w[k]) e += w[k] * (re[k] * re[k] + im[k] * im[k]);
      logMel[b] = Math.log(e + 1e-8);
    }
    rows.push(dct.map((d) => d.reduce((s, v, b) => s + v * logMel[b], 0)));
  }
  return rows;
}
