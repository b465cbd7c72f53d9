import { decodeFrameAt } from "../media/decode-frame-at";
import { LIP_POINTS, meanColour, referenceShader, syntheticShader, type InteriorShader } from "./mouth-interior";
import { innerGaps, mouthFrame } from "./mouth-pose";
import { yuvFrame, type YuvFrame } from "./yuv-frame";

/** Gives the interior shader for each rendered frame. */
export type InteriorSource = (frame: YuvFrame, mesh: Float32Array) => InteriorShader;

/** Mouths opened less than this (inner-lip gap over eye distance) show too little to reuse. */
const MIN_REFERENCE_GAP = 0.1;

/** The frame where the tracked mouth is open widest, if it is open enough to show the teeth. */
export function widestOpenFrame(meshes: (Float32Array | null)[], strength: Float32Array): number | undefined {
  let best: number | undefined;
  let bestGap = MIN_REFERENCE_GAP;
  meshes.forEach((mesh, index) => {
    if (!mesh || strength[index] < 1) return;
    const gaps = innerGaps(mesh);
    const middle = gaps[Math.floor(gaps.length / 2)];
    const frame = mouthFrame(mesh);
    const gap = (middle.x * frame.down.x + middle.y * frame.down.y) / frame.eyeDistance;
    if (gap > bestGap) {
      bestGap = gap;
      best = index;
    }
  });
  return best;
}

/**
 * The person's own mouth interior when the video shows it open somewhere (the "Video
 * Rewrite" idea: reuse real appearance), else a drawn one. Luma follows each frame's lips.
 */
export async function loadInteriorSource(
  video: string,
  meshes: (Float32Array | null)[],
  strength: Float32Array,
  size: { width: number; height: number; videoFilter?: string },
  constantFps: number | undefined,
  signal?: AbortSignal,
): Promise<InteriorSource> {
  const index = widestOpenFrame(meshes, strength);
  const buffer = index === undefined ? undefined : await decodeFrameAt(video, index, { ...size, pixelFormat: "yuv420p", signal }, constantFps);
  if (index === undefined || !buffer) {
    let synthetic: InteriorShader | undefined;
    return (frame, mesh) => (synthetic ??= syntheticShader(frame, mesh));
  }
  const reference = yuvFrame(buffer, size.width, size.height);
  const referenceMesh = meshes[index]!;
  const referenceLip = Math.max(1, meanColour(reference, referenceMesh, LIP_POINTS)[0]);
  return (frame, mesh) => {
    const gain = Math.min(1.4, Math.max(0.7, meanColour(frame, mesh, LIP_POINTS)[0] / referenceLip));
    return referenceShader(reference, referenceMesh, gain);
  };
}
