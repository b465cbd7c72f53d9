import { EYE_OUTER, MESH_POINTS, NOSE_TIP, point, type Point } from "../face/landmarks";
import type { LibraryMouth } from "./mouth-library";
import { targetMesh, type MouthStyle, type MouthTarget } from "./target-mesh";

/**
 * Moves the target mesh's lower face towards the library mouth's own geometry, where `weight`
 * (per warp vertex, 0..1) says: the library mouth, given the wanted opening on its own mesh, is
 * placed on this frame by the nose tip and the eye line. Lips keep the thickness and outline
 * they had in their own frame instead of being stretched onto this frame's lips, which the mesh
 * tracks poorly when the mouth opens wide (a thick band of the old lower lip showed under the new
 * lips); the face outline (weight 0) stays where this frame's target puts it.
 */
export function fitTargetToLibrary(
  target: Float32Array, mesh: Float32Array, library: LibraryMouth, mouth: MouthTarget, style: MouthStyle, weight: Float32Array,
): void {
  const libraryMesh = library.points.subarray(0, MESH_POINTS * 2);
  const shaped = targetMesh(libraryMesh, mouth, style).target;
  const here = anchor(mesh);
  const there = anchor(libraryMesh);
  const scale = here.eyeDistance / there.eyeDistance;
  // Rotation taking the library frame's eye line onto this frame's.
  const cos = here.across.x * there.across.x + here.across.y * there.across.y;
  const sin = there.across.x * here.across.y - there.across.y * here.across.x;
  for (let v = 0; v < weight.length; v++) {
    const w = weight[v];
    if (w <= 0) continue;
    const dx = (shaped[v * 2] - there.nose.x) * scale;
    const dy = (shaped[v * 2 + 1] - there.nose.y) * scale;
    const x = here.nose.x + dx * cos - dy * sin;
    const y = here.nose.y + dx * sin + dy * cos;
    target[v * 2] += (x - target[v * 2]) * w;
    target[v * 2 + 1] += (y - target[v * 2 + 1]) * w;
  }
}

function anchor(mesh: Float32Array): { nose: Point; across: Point; eyeDistance: number } {
  const left = point(mesh, EYE_OUTER[0]);
  const right = point(mesh, EYE_OUTER[1]);
  const eyeDistance = Math.max(1e-3, Math.hypot(right.x - left.x, right.y - left.y));
  return { nose: point(mesh, NOSE_TIP), across: { x: (right.x - left.x) / eyeDistance, y: (right.y - left.y) / eyeDistance }, eyeDistance };
}
