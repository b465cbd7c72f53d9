import type { LibraryFade } from "./fade-library-mouths";
import { paintInnerMouth } from "./inner-mouth";
import { fitTargetToLibrary } from "./library-target";
import { coreAlpha } from "./mouth-core";
import type { InteriorSource, LibraryMouth } from "./mouth-library";
import { MAX_GAP, targetMesh, type MouthStyle, type MouthTarget } from "./target-mesh";
import { movedTriangles } from "./warp-mesh";
import { warpTriangles } from "./warp-triangles";
import { copyRegion, sampleBilinear, type YuvFrame } from "./yuv-frame";

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
  /** The person's own mouth, from another frame of the video, to show in this one. */
  libraryMouth?: LibraryMouth;
  /** Next to a change of library mouth: the other mouth, blended in with its weight. */
  libraryFade?: LibraryFade;
}

/** Re-draws the lower face of one frame, in place, with the mouth the audio asks for. */
export function renderFrame({ frame, mesh, mouth, style, interior, triangles, strength, libraryMouth, libraryFade }: FrameRenderInput): void {
  const { source, target, frame: pose } = targetMesh(mesh, mouth, style);
  if (strength < 1) {
    for (let i = 0; i < target.length; i++) target[i] = source[i] + (target[i] - source[i]) * strength;
  }
  const alpha = libraryMouth ? coreAlpha(mesh).map((a) => a * strength) : undefined;
  if (libraryMouth) fitTargetToLibraryMouths(target, mesh, libraryMouth, libraryFade, mouth, style, alpha!);
  const moved = movedTriangles(triangles, source, target);
  // Only the region the moved triangles cover (where they come from) is copied before drawing over it.
  const original = copyRegion(frame, source, moved, 2);
  warpTriangles(original, frame, source, target, moved);
  const targetGap = MAX_GAP * mouth.open * style.mouthScale * pose.eyeDistance * strength;
  if (libraryMouth && alpha) {
    // The original lips are replaced, not moved: the lower face comes from the library mouth.
    const offset = colourOffset(frame, target, libraryMouth, alpha);
    const fadeOffset = libraryFade && colourOffset(frame, target, libraryFade.mouth, alpha);
    warpTriangles(libraryMouth.region, frame, libraryMouth.points, target, triangles, { alpha, offset });
    let gap = libraryMouth.shape.gap;
    if (libraryFade && fadeOffset) {
      // Drawn over the first mouth with alpha × weight: where alpha is 1, exactly the blend of the two.
      const fadeAlpha = alpha.map((a) => a * libraryFade.weight);
      warpTriangles(libraryFade.mouth.region, frame, libraryFade.mouth.points, target, triangles, { alpha: fadeAlpha, offset: fadeOffset });
      gap += (libraryFade.mouth.shape.gap - gap) * libraryFade.weight;
    }
    const libraryGap = gap * pose.eyeDistance;
    if (targetGap < 2 || libraryGap > 0.5 * targetGap) return;
  }
  paintInnerMouth(frame, target, pose, interior(frame, mesh), mouth.open);
}

/** The target fitted to the library mouth, or to the blend of the two mouths' fits next to a change. */
function fitTargetToLibraryMouths(
  target: Float32Array, mesh: Float32Array, libraryMouth: LibraryMouth, fade: LibraryFade | undefined, mouth: MouthTarget, style: MouthStyle, alpha: Float32Array,
): void {
  const other = fade && Float32Array.from(target);
  fitTargetToLibrary(target, mesh, libraryMouth, mouth, style, alpha);
  if (!fade || !other) return;
  fitTargetToLibrary(other, mesh, fade.mouth, mouth, style, alpha);
  for (let i = 0; i < target.length; i++) target[i] += (other[i] - target[i]) * fade.weight;
}

/** Colour difference between the frame and the library mouth where they are blended: the library mouth is shifted by it. */
function colourOffset(frame: YuvFrame, target: Float32Array, mouth: LibraryMouth, alpha: Float32Array): [number, number, number] {
  const sum = [0, 0, 0];
  let count = 0;
  const { region, points } = mouth;
  for (let i = 0; i < alpha.length; i++) {
    if (alpha[i] <= 0.05 || alpha[i] >= 0.6) continue;
    const [x, y] = [target[i * 2], target[i * 2 + 1]];
    const [lx, ly] = [points[i * 2] - region.originX, points[i * 2 + 1] - region.originY];
    sum[0] += sampleBilinear(frame.y, frame.width, frame.height, x, y) - sampleBilinear(region.y, region.width, region.height, lx, ly);
    sum[1] += sampleBilinear(frame.u, frame.width / 2, frame.height / 2, x / 2, y / 2) - sampleBilinear(region.u, region.width / 2, region.height / 2, lx / 2, ly / 2);
    sum[2] += sampleBilinear(frame.v, frame.width / 2, frame.height / 2, x / 2, y / 2) - sampleBilinear(region.v, region.width / 2, region.height / 2, lx / 2, ly / 2);
    count++;
  }
  const limit = (value: number) => Math.max(-30, Math.min(30, count ? value / count : 0));
  return [limit(sum[0]), limit(sum[1]), limit(sum[2])];
}
