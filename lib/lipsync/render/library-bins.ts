import { LIP_POINTS } from "./mouth-interior";

/** Bins of the inner-lip gap (over the eye distance) the library covers, closed to wide. */
export const GAP_EDGES = [0.012, 0.035, 0.07, 0.11, 0.16, 0.22];
/** Bins of the lip width (the target's unit) and of the head turn. */
export const WIDTH_EDGES = [-0.4, 0.4];
export const YAW_EDGES = [-0.05, 0.05];
/** Library mouths kept per bin, at least this many frames apart. */
export const PER_BIN = 2;
export const MIN_SPACING = 8;

/** Which bin a value falls in, for the given ascending edges. */
export function binOf(value: number, edges: number[]): number {
  return edges.filter((edge) => value >= edge).length;
}

/** How far the lips moved from the frame before to the frame after, over the eye distance: stillest frames have no motion blur. */
export function lipMotion(before: Float32Array, after: Float32Array, eyeDistance: number): number {
  let motion = 0;
  for (const point of LIP_POINTS) motion += Math.hypot(after[point * 2] - before[point * 2], after[point * 2 + 1] - before[point * 2 + 1]);
  return motion / eyeDistance;
}
