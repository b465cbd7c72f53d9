import { MESH_POINTS, NOSE_TIP, point } from "../face/landmarks";
import type { LibraryMouth } from "./mouth-library";
import { mouthFrame } from "./mouth-pose";
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
  const here = mouthFrame(mesh);
  const there = mouthFrame(libraryMesh);
  const [hereNose, thereNose] = [point(mesh, NOSE_TIP), point(libraryMesh, NOSE_TIP)];
  const scale = here.eyeDistance / there.eyeDistance;
  // Rotation taking the library frame's eye line onto this frame's.
  const cos = here.across.x * there.across.x + here.across.y * there.across.y;
  const sin = there.across.x * here.across.y - there.across.y * here.across.x;
  for (let v = 0; v < weight.length; v++) {
    const w = weight[v];
    if (w <= 0) continue;
    const dx = (shaped[v * 2] - thereNose.x) * scale;
    const dy = (shaped[v * 2 + 1] - thereNose.y) * scale;
    const x = hereNose.x + dx * cos - dy * sin;
    const y = hereNose.y + dx * sin + dy * cos;
    target[v * 2] += (x - target[v * 2]) * w;
    target[v * 2 + 1] += (y - target[v * 2 + 1]) * w;
  }
}
