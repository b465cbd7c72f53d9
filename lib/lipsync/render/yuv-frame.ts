/** Views onto the three planes of an even-sized yuv420p frame. */
export interface YuvFrame {
  width: number;
  height: number;
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
}

export function yuvFrame(buffer: Buffer, width: number, height: number): YuvFrame {
  const lumaSize = width * height;
  const chromaSize = lumaSize / 4;
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  return {
    width,
    height,
    y: bytes.subarray(0, lumaSize),
    u: bytes.subarray(lumaSize, lumaSize + chromaSize),
    v: bytes.subarray(lumaSize + chromaSize, lumaSize + 2 * chromaSize),
  };
}

/** Bilinear sample of a plane at (x, y) in that plane's pixel coordinates, clamped at the edges. */
export function sampleBilinear(plane: Uint8Array, width: number, height: number, x: number, y: number): number {
  const cx = Math.min(Math.max(x, 0), width - 1.001);
  const cy = Math.min(Math.max(y, 0), height - 1.001);
  const x0 = cx | 0;
  const y0 = cy | 0;
  const fx = cx - x0;
  const fy = cy - y0;
  const i = y0 * width + x0;
  const top = plane[i] + (plane[i + 1] - plane[i]) * fx;
  const bottom = plane[i + width] + (plane[i + width + 1] - plane[i + width]) * fx;
  return top + (bottom - top) * fy;
}
