import { smoothZeroPhase } from "../math/smooth";

/**
 * Removes landmark jitter without lag: every coordinate is smoothed forwards and backwards
 * within each run of consecutive frames that have a face (never across a gap).
 */
export function smoothMeshes(meshes: (Float32Array | null)[], timeConstantFrames: number): (Float32Array | null)[] {
  const smoothed = meshes.map((mesh) => (mesh ? Float32Array.from(mesh) : null));
  let start = 0;
  while (start < meshes.length) {
    if (!meshes[start]) {
      start++;
      continue;
    }
    let end = start;
    while (end < meshes.length && meshes[end]) end++;
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
