/**
 * A frame as the tracker decodes it: yuv422p, luma at full size and chroma at half width and full
 * height. That is the chroma ffmpeg computes for its own rgb24 output, so the face models see what
 * they saw when ffmpeg converted to RGB: at half height (yuv420p) the lips' colour edges blur, and
 * the followed lips moved measurably (docs/benchmarks.md, 2026-12-07).
 */
export interface TrackingFrame {
  width: number;
  height: number;
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
}

export function trackingFrame(buffer: Buffer, width: number, height: number): TrackingFrame {
  const lumaSize = width * height;
  const chromaSize = lumaSize / 2;
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  return {
    width,
    height,
    y: bytes.subarray(0, lumaSize),
    u: bytes.subarray(lumaSize, lumaSize + chromaSize),
    v: bytes.subarray(lumaSize + chromaSize, lumaSize + 2 * chromaSize),
  };
}
