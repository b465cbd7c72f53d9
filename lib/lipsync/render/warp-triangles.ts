import { sampleBilinear, type YuvFrame, type YuvRegion } from "./yuv-frame";

/** Mixes the warped pixels into the output instead of replacing them. */
export interface WarpBlend {
  /** Per vertex, 0 (keep the output) .. 1 (warped pixel), interpolated across each triangle. */
  alpha: Float32Array;
  /** Added to the warped Y, U and V values (colour matching). */
  offset: [number, number, number];
}

/**
 * Piecewise-affine warp: every listed triangle of `target` is filled in `output` from the
 * matching triangle of `source` in `input`, an untouched copy of the region the triangles
 * cover (or another frame's). Pixels outside the triangles are left as they are.
 */
export function warpTriangles(
  input: YuvRegion, output: YuvFrame, source: Float32Array, target: Float32Array, triangles: ArrayLike<number>, blend?: WarpBlend,
): void {
  const luma: Plane = {
    src: input.y, dst: output.y, width: input.width, height: input.height, dstWidth: output.width, dstHeight: output.height,
    ox: input.originX, oy: input.originY, scale: 1, offset: blend?.offset[0] ?? 0,
  };
  const chroma = (src: Uint8Array, dst: Uint8Array, offset: number): Plane => ({
    src, dst, width: input.width / 2, height: input.height / 2, dstWidth: output.width / 2, dstHeight: output.height / 2,
    ox: input.originX / 2, oy: input.originY / 2, scale: 0.5, offset,
  });
  const planes = [luma, chroma(input.u, output.u, blend?.offset[1] ?? 0), chroma(input.v, output.v, blend?.offset[2] ?? 0)];
  for (let t = 0; t < triangles.length; t += 3) {
    const a = triangles[t];
    const b = triangles[t + 1];
    const c = triangles[t + 2];
    const alphas = blend ? ([blend.alpha[a], blend.alpha[b], blend.alpha[c]] as const) : undefined;
    if (alphas && alphas[0] <= 0 && alphas[1] <= 0 && alphas[2] <= 0) continue;
    const map = affineFromTo(target, source, a, b, c);
    if (!map) continue;
    for (const plane of planes) fillTriangle(plane, target, a, b, c, map, alphas);
  }
}

/** One plane of the source region and of the output frame, at the plane's own scale. */
interface Plane {
  src: Uint8Array;
  dst: Uint8Array;
  width: number;
  height: number;
  dstWidth: number;
  dstHeight: number;
  /** Where the source region starts in the output plane. */
  ox: number;
  oy: number;
  scale: number;
  offset: number;
}

type Affine = [number, number, number, number, number, number];

/** The affine map taking triangle (a, b, c) of `from` onto the same triangle of `to`. */
function affineFromTo(from: Float32Array, to: Float32Array, a: number, b: number, c: number): Affine | undefined {
  const x1 = from[a * 2], y1 = from[a * 2 + 1];
  const x2 = from[b * 2], y2 = from[b * 2 + 1];
  const x3 = from[c * 2], y3 = from[c * 2 + 1];
  const det = (x2 - x1) * (y3 - y1) - (x3 - x1) * (y2 - y1);
  if (Math.abs(det) < 1e-6) return undefined;
  const u1 = to[a * 2], v1 = to[a * 2 + 1];
  const u2 = to[b * 2], v2 = to[b * 2 + 1];
  const u3 = to[c * 2], v3 = to[c * 2 + 1];
  // Solve [u] = m0*x + m1*y + m2 (and likewise v) through the three vertex pairs.
  const m0 = ((u2 - u1) * (y3 - y1) - (u3 - u1) * (y2 - y1)) / det;
  const m1 = ((u3 - u1) * (x2 - x1) - (u2 - u1) * (x3 - x1)) / det;
  const m3 = ((v2 - v1) * (y3 - y1) - (v3 - v1) * (y2 - y1)) / det;
  const m4 = ((v3 - v1) * (x2 - x1) - (v2 - v1) * (x3 - x1)) / det;
  return [m0, m1, u1 - m0 * x1 - m1 * y1, m3, m4, v1 - m3 * x1 - m4 * y1];
}

function fillTriangle(
  plane: Plane, target: Float32Array, a: number, b: number, c: number, map: Affine, alphas?: readonly [number, number, number],
): void {
  const { src, dst, width, height, dstWidth, dstHeight, ox, oy, scale, offset } = plane;
  const ax = target[a * 2] * scale, ay = target[a * 2 + 1] * scale;
  const bx = target[b * 2] * scale, by = target[b * 2 + 1] * scale;
  const cx = target[c * 2] * scale, cy = target[c * 2 + 1] * scale;
  const minX = Math.max(0, Math.floor(Math.min(ax, bx, cx)));
  const maxX = Math.min(dstWidth - 1, Math.ceil(Math.max(ax, bx, cx)));
  const minY = Math.max(0, Math.floor(Math.min(ay, by, cy)));
  const maxY = Math.min(dstHeight - 1, Math.ceil(Math.max(ay, by, cy)));
  const area = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay);
  if (Math.abs(area) < 1e-9) return;
  const sign = area > 0 ? 1 : -1;
  const eps = -1e-6;
  let fromX = minX;
  let toX = maxX;
  // The edge from (x0, y0) to (x1, y1) along row py is at + slope * px, kept >= eps inside.
  const narrowToEdge = (x0: number, y0: number, x1: number, y1: number, py: number) => {
    const slope = -sign * (y1 - y0);
    const at = sign * ((x1 - x0) * (py - y0) + (y1 - y0) * x0);
    if (slope > 0) fromX = Math.max(fromX, Math.ceil((eps - at) / slope) - 1);
    else if (slope < 0) toX = Math.min(toX, Math.floor((eps - at) / slope) + 1);
    else if (at < eps) toX = fromX - 1;
  };
  for (let py = minY; py <= maxY; py++) {
    // Only the row's span inside the triangle (plus a pixel either side) is tested pixel by pixel.
    fromX = minX;
    toX = maxX;
    narrowToEdge(ax, ay, bx, by, py);
    narrowToEdge(bx, by, cx, cy, py);
    narrowToEdge(cx, cy, ax, ay, py);
    for (let px = fromX; px <= toX; px++) {
      // Edge functions, normalised to the triangle's orientation.
      const w0 = sign * ((bx - ax) * (py - ay) - (by - ay) * (px - ax));
      const w1 = sign * ((cx - bx) * (py - by) - (cy - by) * (px - bx));
      const w2 = sign * ((ax - cx) * (py - cy) - (ay - cy) * (px - cx));
      if (w0 < eps || w1 < eps || w2 < eps) continue;
      const fx = px / scale;
      const fy = py / scale;
      const sx = (map[0] * fx + map[1] * fy + map[2]) * scale - ox;
      const sy = (map[3] * fx + map[4] * fy + map[5]) * scale - oy;
      const value = sampleBilinear(src, width, height, sx, sy) + offset;
      const i = py * dstWidth + px;
      if (!alphas) {
        dst[i] = value + 0.5;
        continue;
      }
      // w0 weighs vertex c, w1 vertex a, w2 vertex b (barycentric, before dividing by the area).
      const alpha = (w1 * alphas[0] + w2 * alphas[1] + w0 * alphas[2]) / (sign * area);
      dst[i] = Math.min(255, Math.max(0, dst[i] + (value - dst[i]) * alpha + 0.5));
    }
  }
}
