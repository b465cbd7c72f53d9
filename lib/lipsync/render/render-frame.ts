import { paintInnerMouth } from "./inner-mouth";
import type { InteriorSource } from "./mouth-library";
import { targetMesh, type MouthStyle, type MouthTarget } from "./target-mesh";
import { movedTriangles } from "./warp-mesh";
import { warpTriangles } from "./warp-triangles";
import type { YuvFrame } from "./yuv-frame";

export interface FrameRenderInput {
  input: YuvFrame;
  output: YuvFrame;
  mesh: Float32Array;
  mouth: MouthTarget;
  style: MouthStyle;
  interior: InteriorSource;
  triangles: Uint16Array;
  /** 0..1: eases the effect in and out next to frames where the face was lost. */
  strength: number;
}

/** Re-draws the lower face of one frame with the mouth the audio asks for. */
export function renderFrame({ input, output, mesh, mouth, style, interior, triangles, strength }: FrameRenderInput): void {
  const { source, target, frame } = targetMesh(mesh, mouth, style);
  if (strength < 1) {
    for (let i = 0; i < target.length; i++) target[i] = source[i] + (target[i] - source[i]) * strength;
  }
  warpTriangles(input, output, source, target, movedTriangles(triangles, source, target));
  paintInnerMouth(output, target, frame, interior(input, mesh), mouth.open);
}
