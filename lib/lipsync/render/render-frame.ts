import { paintInnerMouth } from "./inner-mouth";
import type { InteriorSource } from "./mouth-library";
import { targetMesh, type MouthStyle, type MouthTarget } from "./target-mesh";
import { movedTriangles } from "./warp-mesh";
import { warpTriangles } from "./warp-triangles";
import { copyRegion, type YuvFrame } from "./yuv-frame";

export interface FrameRenderInput {
  /** The decoded frame, re-drawn in place. */
  frame: YuvFrame;
  mesh: Float32Array;
  mouth: MouthTarget;
  style: MouthStyle;
  interior: InteriorSource;
  triangles: Uint16Array;
  /** 0..1: eases the effect in and out next to frames where the face was lost. */
  strength: number;
}

/** Re-draws the lower face of one frame, in place, with the mouth the audio asks for. */
export function renderFrame({ frame, mesh, mouth, style, interior, triangles, strength }: FrameRenderInput): void {
  const { source, target, frame: pose } = targetMesh(mesh, mouth, style);
  if (strength < 1) {
    for (let i = 0; i < target.length; i++) target[i] = source[i] + (target[i] - source[i]) * strength;
  }
  const shade = interior(frame, mesh);
  const moved = movedTriangles(triangles, source, target);
  // Only the region the moved triangles cover (where they come from) is copied before drawing over it.
  const original = copyRegion(frame, source, moved, 2);
  warpTriangles(original, frame, source, target, moved);
  paintInnerMouth(frame, target, pose, shade, mouth.open);
}
