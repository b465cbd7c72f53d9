import { SILHOUETTE } from "../face/landmarks";
import { smoothstep } from "../math/smoothstep";
import { dot, mouthFrame, sub } from "./mouth-pose";
import { WARP_POINTS } from "./warp-mesh";

/**
 * Per warp vertex, how much of the lower face is taken from the mouth library: 1 over lips,
 * mouth corners and the skin between nose and chin, easing to 0 towards the nose, the
 * cheeks and the chin's edge, 0 on the face outline and beyond (those stay the frame's own).
 */
export function coreAlpha(mesh: Float32Array): Float32Array {
  const frame = mouthFrame(mesh);
  const alpha = new Float32Array(WARP_POINTS);
  const outline = new Set(SILHOUETTE);
  const belowLip = Math.max(1, frame.chin - frame.lowerLip);
  const aboveLip = Math.min(-1, frame.nose - frame.upperLip);
  for (let index = 0; index < mesh.length / 2; index++) {
    if (outline.has(index)) continue;
    const offset = sub({ x: mesh[index * 2], y: mesh[index * 2 + 1] }, frame.centre);
    const x = Math.abs(dot(offset, frame.across)) / frame.halfWidth;
    const y = dot(offset, frame.down);
    const side = 1 - smoothstep(1.15, 1.75, x);
    const top = 1 - smoothstep(0.3, 0.6, (y - frame.upperLip) / aboveLip);
    const bottom = 1 - smoothstep(0.7, 1, (y - frame.lowerLip) / belowLip);
    alpha[index] = side * top * bottom;
  }
  return alpha;
}

/** The mesh points (not the outer ring) where the library mouth shows at all: what its region must hold. */
export function coreVertices(mesh: Float32Array): number[] {
  const alpha = coreAlpha(mesh);
  return Array.from(alpha.keys()).filter((i) => alpha[i] > 0 && i < mesh.length / 2);
}
