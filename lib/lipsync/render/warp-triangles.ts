import type { YuvFrame, YuvRegion } from "./yuv-frame";

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

/** A pixel centre this close outside an edge (in edge-function units) still counts as inside. */
const EDGE_EPS = -1e-6;

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
  const toBarycentric = 1 / (sign * area);
  const [m0, m1, m2, m3, m4, m5] = map;
  // Bilinear sampling of the source plane, clamped at its edges (as sampleBilinear, inlined).
  const maxSx = width - 1.001;
  const maxSy = height - 1.001;
  // Each edge (x0, y0) -> (x1, y1) is at + slope * px along row py, kept >= EDGE_EPS inside: one
  // rising to the right bounds the row's span from the left, one falling from the right, and a
  // level one with the row outside empties it. Written out per edge: this is the hot loop.
  const slopeAB = -sign * (by - ay), slopeBC = -sign * (cy - by), slopeCA = -sign * (ay - cy);
  for (let py = minY; py <= maxY; py++) {
    // Only the row's span inside the triangle (plus a pixel either side) is tested pixel by pixel.
    const atAB = sign * ((bx - ax) * (py - ay) + (by - ay) * ax);
    const atBC = sign * ((cx - bx) * (py - by) + (cy - by) * bx);
    const atCA = sign * ((ax - cx) * (py - cy) + (ay - cy) * cx);
    let fromX = minX;
    let toX = maxX;
    if (slopeAB > 0) fromX = Math.max(fromX, Math.ceil((EDGE_EPS - atAB) / slopeAB) - 1);
    else if (slopeAB < 0) toX = Math.min(toX, Math.floor((EDGE_EPS - atAB) / slopeAB) + 1);
    else if (atAB < EDGE_EPS) toX = -1;
    if (slopeBC > 0) fromX = Math.max(fromX, Math.ceil((EDGE_EPS - atBC) / slopeBC) - 1);
    else if (slopeBC < 0) toX = Math.min(toX, Math.floor((EDGE_EPS - atBC) / slopeBC) + 1);
    else if (atBC < EDGE_EPS) toX = -1;
    if (slopeCA > 0) fromX = Math.max(fromX, Math.ceil((EDGE_EPS - atCA) / slopeCA) - 1);
    else if (slopeCA < 0) toX = Math.min(toX, Math.floor((EDGE_EPS - atCA) / slopeCA) + 1);
    else if (atCA < EDGE_EPS) toX = -1;
    // Along the row the edge functions and the source point step by constants.
    const fy = py / scale;
    const rowSx = (m1 * fy + m2) * scale - ox;
    const rowSy = (m4 * fy + m5) * scale - oy;
    const row = py * dstWidth;
    for (let px = fromX; px <= toX; px++) {
      const w0 = atAB + slopeAB * px;
      const w1 = atBC + slopeBC * px;
      const w2 = atCA + slopeCA * px;
      if (w0 < EDGE_EPS || w1 < EDGE_EPS || w2 < EDGE_EPS) continue;
      const sx = Math.min(Math.max(rowSx + m0 * px, 0), maxSx);
      const sy = Math.min(Math.max(rowSy + m3 * px, 0), maxSy);
      const x0 = sx | 0;
      const y0 = sy | 0;
      const tx = sx - x0;
      const i0 = y0 * width + x0;
      const top = src[i0] + (src[i0 + 1] - src[i0]) * tx;
      const bottom = src[i0 + width] + (src[i0 + width + 1] - src[i0 + width]) * tx;
      const value = top + (bottom - top) * (sy - y0) + offset;
      const i = row + px;
      if (!alphas) {
        dst[i] = value + 0.5;
        continue;
      }
      // w0 weighs vertex c, w1 vertex a, w2 vertex b (barycentric, before dividing by the area).
      const alpha = (w1 * alphas[0] + w2 * alphas[1] + w0 * alphas[2]) * toBarycentric;
      dst[i] = Math.min(255, Math.max(0, dst[i] + (value - dst[i]) * alpha + 0.5));
    }
  }
}
