import type { YuvFrame } from "../render/yuv-frame";

// BT.601, limited range: what this ffmpeg's rgb24 conversion uses for the videos the engine reads
// (tagged BT.709 or not), so the face models see the colours they saw when ffmpeg converted.
const LUMA = 255 / 219;
const CHROMA = 255 / 224;
export const R_FROM_V = 1.402 * CHROMA;
export const G_FROM_U = 0.344136 * CHROMA;
export const G_FROM_V = 0.714136 * CHROMA;
export const B_FROM_U = 1.772 * CHROMA;

/** Luma 16..235 to 0..255 (unclamped). */
export function fullRangeLuma(y: number): number {
  return (y - 16) * LUMA;
}

/**
 * A yuv420p frame as packed rgb24 (each chroma sample spread over its 2x2 luma block), for the face
 * detector, which runs only where the followed mesh is lost.
 */
export function yuvToRgb(frame: YuvFrame): Buffer {
  const { width, height, y: lumaPlane, u: uPlane, v: vPlane } = frame;
  const rgb = Buffer.allocUnsafe(width * height * 3);
  const chromaWidth = width / 2;
  let out = 0;
  for (let row = 0; row < height; row++) {
    const chromaRow = (row >> 1) * chromaWidth;
    for (let column = 0; column < width; column++, out += 3) {
      const luma = fullRangeLuma(lumaPlane[row * width + column]);
      const u = uPlane[chromaRow + (column >> 1)] - 128;
      const v = vPlane[chromaRow + (column >> 1)] - 128;
      // A byte store wraps and truncates: clamp, and add 0.5 to round.
      rgb[out] = Math.min(255, Math.max(0, luma + R_FROM_V * v + 0.5));
      rgb[out + 1] = Math.min(255, Math.max(0, luma - G_FROM_U * u - G_FROM_V * v + 0.5));
      rgb[out + 2] = Math.min(255, Math.max(0, luma + B_FROM_U * u + 0.5));
    }
  }
  return rgb;
}
