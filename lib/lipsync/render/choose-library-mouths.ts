import type { LibraryMouth } from "./mouth-library";
import { mouthShape, type MouthShape } from "./mouth-shape";
import { MAX_GAP, type MouthStyle } from "./target-mesh";

/** How far apart two shapes may be for about one unit of cost. */
const SCALE: MouthShape = { gap: 0.025, width: 0.6, yaw: 0.04, pitch: 0.04 };
/** Cost of changing to another library mouth from one frame to the next: fewer changes, no popping. */
const SWITCH_COST = 4;

/**
 * For every output frame, the library mouth to show: the one closest to the wanted shape (the
 * audio's opening and width in the frame's head pose), with a cost on each change, solved over
 * the whole clip at once (Viterbi). Frames without a wanted shape keep the previous choice.
 */
export function chooseLibraryMouths(library: MouthShape[], wanted: (MouthShape | null)[]): Int32Array {
  const n = wanted.length;
  const k = library.length;
  const chosen = new Int32Array(n).fill(-1);
  if (!k || !n) return chosen;
  const cost = (f: number, j: number) => {
    const w = wanted[f];
    if (!w) return 0;
    const l = library[j];
    return ((l.gap - w.gap) / SCALE.gap) ** 2 + ((l.width - w.width) / SCALE.width) ** 2 +
      ((l.yaw - w.yaw) / SCALE.yaw) ** 2 + ((l.pitch - w.pitch) / SCALE.pitch) ** 2;
  };
  let total = Float64Array.from({ length: k }, (_, j) => cost(0, j));
  const from = new Int32Array(n * k);
  for (let f = 1; f < n; f++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (total[j] < total[best]) best = j;
    const next = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      const stay = total[j];
      const change = total[best] + SWITCH_COST;
      from[f * k + j] = stay <= change ? j : best;
      next[j] = Math.min(stay, change) + cost(f, j);
    }
    total = next;
  }
  let j = 0;
  for (let i = 1; i < k; i++) if (total[i] < total[j]) j = i;
  for (let f = n - 1; f >= 0; f--) {
    chosen[f] = j;
    j = from[f * k + j];
  }
  return chosen;
}

/** The library mouth for each frame: the audio's opening and width, in the head pose the frame shows. */
export function planLibraryMouths(
  library: LibraryMouth[],
  meshes: (Float32Array | null)[],
  mouth: { open: Float32Array; width: Float32Array },
  style: MouthStyle,
): (LibraryMouth | undefined)[] {
  const wanted = meshes.map((mesh, f) => {
    if (!mesh) return null;
    const pose = mouthShape(mesh, style.restHalfWidth);
    return { ...pose, gap: MAX_GAP * mouth.open[f] * style.mouthScale, width: mouth.width[f] };
  });
  const chosen = chooseLibraryMouths(library.map((m) => m.shape), wanted);
  return Array.from(chosen, (j) => library[j]);
}
