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

/** A copy of part of a frame; `originX/originY` (even) is where it sits in the whole frame. */
export interface YuvRegion extends YuvFrame {
  originX: number;
  originY: number;
}

/**
 * Copies the even-aligned box around the given points (frame pixels) out of `source`, clamped to
 * it: a whole frame, or a region copied before (the box then lies within that region).
 */
export function copyRegion(source: YuvFrame | YuvRegion, points: Float32Array, indices: ArrayLike<number>, margin: number): YuvRegion {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < indices.length; i++) {
    const x = points[indices[i] * 2];
    const y = points[indices[i] * 2 + 1];
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const sourceX = "originX" in source ? source.originX : 0;
  const sourceY = "originY" in source ? source.originY : 0;
  const originX = Math.min(sourceX + source.width - 2, Math.max(sourceX, (Math.floor(minX - margin) >> 1) << 1));
  const originY = Math.min(sourceY + source.height - 2, Math.max(sourceY, (Math.floor(minY - margin) >> 1) << 1));
  const width = Math.max(2, Math.min(sourceX + source.width, Math.ceil(maxX + margin) + 2) - originX) & ~1;
  const height = Math.max(2, Math.min(sourceY + source.height, Math.ceil(maxY + margin) + 2) - originY) & ~1;
  const copyPlane = (plane: Uint8Array, planeWidth: number, x0: number, y0: number, w: number, h: number) => {
    const out = new Uint8Array(w * h);
    for (let row = 0; row < h; row++) out.set(plane.subarray((y0 + row) * planeWidth + x0, (y0 + row) * planeWidth + x0 + w), row * w);
    return out;
  };
  const x = originX - sourceX;
  const y = originY - sourceY;
  return {
    width,
    height,
    originX,
    originY,
    y: copyPlane(source.y, source.width, x, y, width, height),
    u: copyPlane(source.u, source.width / 2, x / 2, y / 2, width / 2, height / 2),
    v: copyPlane(source.v, source.width / 2, x / 2, y / 2, width / 2, height / 2),
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
