import { INNER_CORNERS, LOWER_INNER, MESH_POINTS, SILHOUETTE, UPPER_INNER } from "../face/landmarks";

/** Ring points placed outside the face outline, fixed, so the jaw line can move against the background. */
export const RING_OFFSET = MESH_POINTS;
export const WARP_POINTS = MESH_POINTS + SILHOUETTE.length;
const RING_SCALE = 1.3;

/**
 * Face-mesh triangles, the mouth opening (a hole in the face mesh: without it a library mouth's
 * teeth and tongue were never drawn, and an opened mouth showed whatever this frame had there),
 * and a strip of triangles between the outline and the fixed outer ring.
 */
export function warpTriangleList(faceTriangles: ArrayLike<number>): Uint16Array {
  const list = Array.from(faceTriangles);
  const upper = [INNER_CORNERS[0], ...UPPER_INNER, INNER_CORNERS[1]];
  const lower = [INNER_CORNERS[0], ...LOWER_INNER, INNER_CORNERS[1]];
  for (let k = 0; k + 1 < upper.length; k++) {
    if (k > 0) list.push(upper[k], upper[k + 1], lower[k]);
    if (k + 1 < upper.length - 1) list.push(upper[k + 1], lower[k + 1], lower[k]);
  }
  for (let i = 0; i < SILHOUETTE.length; i++) {
    const j = (i + 1) % SILHOUETTE.length;
    const a = SILHOUETTE[i];
    const b = SILHOUETTE[j];
    list.push(a, b, RING_OFFSET + i, b, RING_OFFSET + j, RING_OFFSET + i);
  }
  return Uint16Array.from(list);
}

/** Copies the mesh into a warp vertex array and adds the outer ring around its centre. */
export function withOuterRing(mesh: Float32Array): Float32Array {
  const points = new Float32Array(WARP_POINTS * 2);
  points.set(mesh);
  let cx = 0;
  let cy = 0;
  for (const index of SILHOUETTE) {
    cx += mesh[index * 2];
    cy += mesh[index * 2 + 1];
  }
  cx /= SILHOUETTE.length;
  cy /= SILHOUETTE.length;
  SILHOUETTE.forEach((index, i) => {
    points[(RING_OFFSET + i) * 2] = cx + (mesh[index * 2] - cx) * RING_SCALE;
    points[(RING_OFFSET + i) * 2 + 1] = cy + (mesh[index * 2 + 1] - cy) * RING_SCALE;
  });
  return points;
}

/** Triangles with at least one vertex displaced by more than a hundredth of a pixel. */
export function movedTriangles(triangles: Uint16Array, source: Float32Array, target: Float32Array): Uint16Array {
  const moved: number[] = [];
  const still = (v: number) => Math.abs(source[v * 2] - target[v * 2]) + Math.abs(source[v * 2 + 1] - target[v * 2 + 1]) < 0.01;
  for (let t = 0; t < triangles.length; t += 3) {
    if (still(triangles[t]) && still(triangles[t + 1]) && still(triangles[t + 2])) continue;
    moved.push(triangles[t], triangles[t + 1], triangles[t + 2]);
  }
  return Uint16Array.from(moved);
}
