import { smoothZeroPhase } from "../math/smooth";
import { EYE_OUTER, NOSE_TIP } from "./landmarks";

/** Between two frames, a face that moved this far (in eye distances) or changed size this much was cut to, not moved. */
const CUT_MOTION = 0.5;
const CUT_SCALE = 0.2;

/**
 * Removes landmark jitter without lag: every coordinate is smoothed forwards and backwards
 * within each run of consecutive frames that have a face, never across a gap or a cut (an
 * edited video's next shot: smoothing across it would pull each shot's mesh towards the other's).
 */
export function smoothMeshes(meshes: (Float32Array | null)[], timeConstantFrames: number): (Float32Array | null)[] {
  const smoothed = meshes.map((mesh) => (mesh ? Float32Array.from(mesh) : null));
  let start = 0;
  while (start < meshes.length) {
    if (!meshes[start]) {
      start++;
      continue;
    }
    let end = start + 1;
    while (end < meshes.length && meshes[end] && !isCut(meshes[end - 1]!, meshes[end]!)) end++;
    const coordinates = meshes[start]!.length;
    const series = new Float32Array(end - start);
    for (let c = 0; c < coordinates; c++) {
      for (let f = start; f < end; f++) series[f - start] = meshes[f]![c];
      const result = smoothZeroPhase(series, timeConstantFrames);
      for (let f = start; f < end; f++) smoothed[f]![c] = result[f - start];
    }
    start = end;
  }
  return smoothed;
}

/** The face jumped between two consecutive frames: its nose moved, or its eye distance changed, more than a head can. */
export function isCut(before: Float32Array, after: Float32Array): boolean {
  const eyes = (mesh: Float32Array) => Math.hypot(mesh[EYE_OUTER[1] * 2] - mesh[EYE_OUTER[0] * 2], mesh[EYE_OUTER[1] * 2 + 1] - mesh[EYE_OUTER[0] * 2 + 1]);
  const size = eyes(before);
  const moved = Math.hypot(after[NOSE_TIP * 2] - before[NOSE_TIP * 2], after[NOSE_TIP * 2 + 1] - before[NOSE_TIP * 2 + 1]);
  return moved > CUT_MOTION * size || Math.abs(eyes(after) / size - 1) > CUT_SCALE;
}

/** Per frame, how far (0..1) the frame is from the nearest frame without a face, over `fadeFrames`. */
export function faceFade(meshes: (Float32Array | null)[], fadeFrames: number): Float32Array {
  const fade = new Float32Array(meshes.length);
  let distance = Infinity;
  for (let f = 0; f < meshes.length; f++) {
    distance = meshes[f] ? distance + 1 : 0;
    fade[f] = distance;
  }
  distance = Infinity;
  for (let f = meshes.length - 1; f >= 0; f--) {
    distance = meshes[f] ? distance + 1 : 0;
    fade[f] = Math.min(1, Math.min(fade[f], distance) / fadeFrames);
  }
  return fade;
}
