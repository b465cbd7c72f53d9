import type { Box } from "./mouth-geometry";

/** Squared-error sums of two same-size 8-bit planes, split into inside and outside a box. */
export interface ErrorSums {
  insideSse: number;
  insideCount: number;
  outsideSse: number;
  outsideCount: number;
}

export function emptySums(): ErrorSums {
  return { insideSse: 0, insideCount: 0, outsideSse: 0, outsideCount: 0 };
}

/** Adds one frame's errors to `sums`; with a null box every pixel counts as outside. */
export function addFrameErrors(sums: ErrorSums, a: Uint8Array, b: Uint8Array, width: number, box: Box | null): void {
  const height = a.length / width;
  for (let y = 0; y < height; y++) {
    const inRows = box !== null && y >= box.y0 && y < box.y1;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const e = a[row + x] - b[row + x];
      if (inRows && x >= box.x0 && x < box.x1) {
        sums.insideSse += e * e;
        sums.insideCount++;
      } else {
        sums.outsideSse += e * e;
        sums.outsideCount++;
      }
    }
  }
}

/** PSNR in dB for 8-bit samples; Infinity for identical data, NaN for no data. */
export function psnr(sse: number, count: number): number {
  if (!count) return NaN;
  const mse = sse / count;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}
