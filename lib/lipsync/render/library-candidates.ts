import { coreVertices } from "./mouth-core";
import { mouthFrame } from "./mouth-pose";
import { mouthShape } from "./mouth-shape";
import { binOf, GAP_EDGES, lipMotion, MIN_SPACING, YAW_EDGES } from "./library-bins";
import { copyRegion, type YuvFrame, type YuvRegion } from "./yuv-frame";

/** The lower face of one frame, cut as the frames stream by, from which the library may take its mouth. */
export interface MouthCandidate {
  frameIndex: number;
  region: YuvRegion;
}

/** The widest-open frames kept for the mouth interior. */
const WIDEST_KEPT = 3;
/**
 * Shapes are told apart in steps this fine, within the library's own bins: the final choice is
 * made on smoothed meshes, whose shapes can fall across a bin's edge from the raw ones; and the
 * library's width bins are relative to the person's resting width (lip half-width over eye
 * distance), known only once every frame is tracked. Coarser steps lost rare shapes (a bin or
 * two of 17-44 on the shared clips); one frame per step keeps the memory down (47 MB of
 * candidates for a 60 s 1080p talking head).
 */
const GAP_STEP = 0.01;
const YAW_STEP = 0.025;
const WIDTH_STEP = 0.005;
/** Around the lower face, in eye distances: room for the smoothed mesh, and for the library's own margin within it. */
const REGION_MARGIN = 0.3;

interface Kept extends MouthCandidate {
  motion: number;
  gap: number;
}

/**
 * Chooses, while a video's frames stream by (each decoded once, for tracking), the frames the
 * mouth library may later take its mouths from, and keeps their lower faces: per step of shape
 * (opening, lip width, head turn), the stillest frame; and the widest-open few, a few frames apart.
 * The final choice is made on the smoothed meshes, among these only (videoMouths).
 */
export class LibraryCandidates {
  private readonly byKey = new Map<string, Kept[]>();
  private readonly widest: Kept[] = [];

  /** Frame `index` with its raw mesh and its neighbours' (a frame without both is never a candidate). */
  offer(index: number, before: Float32Array | null, mesh: Float32Array | null, after: Float32Array | null, frame: YuvFrame): void {
    if (!before || !mesh || !after) return;
    const face = mouthFrame(mesh);
    // Its width is not used: the person's resting width is not known yet.
    const shape = mouthShape(mesh, 1);
    const motion = lipMotion(before, after, face.eyeDistance);
    const key = [
      binOf(shape.gap, GAP_EDGES), Math.round(shape.gap / GAP_STEP), binOf(shape.yaw, YAW_EDGES), Math.round(shape.yaw / YAW_STEP),
      Math.round(face.halfWidth / face.eyeDistance / WIDTH_STEP),
    ].join("/");
    let region: YuvRegion | undefined;
    const cut = () => (region ??= lowerFace(frame, mesh, face.eyeDistance));
    const list = this.byKey.get(key) ?? [];
    this.byKey.set(key, list);
    const score = { frameIndex: index, motion, gap: shape.gap };
    keepBest(list, 1, stiller, score, cut);
    keepBest(this.widest, WIDEST_KEPT, wider, score, cut);
  }

  /** Every frame kept, each once, in frame order. */
  candidates(): MouthCandidate[] {
    const byIndex = new Map<number, MouthCandidate>();
    for (const kept of [...this.byKey.values(), this.widest].flat()) byIndex.set(kept.frameIndex, { frameIndex: kept.frameIndex, region: kept.region });
    return [...byIndex.values()].sort((a, b) => a.frameIndex - b.frameIndex);
  }
}

type Score = Omit<Kept, "region">;
const stiller = (a: Score, b: Score) => a.motion < b.motion;
const wider = (a: Score, b: Score) => a.gap > b.gap;

/**
 * Keeps the frame if it is among the `limit` best of the list by `better`; a kept frame closer
 * than MIN_SPACING is replaced only by a better one. The region is cut only for a frame kept.
 */
function keepBest(list: Kept[], limit: number, better: (a: Score, b: Score) => boolean, score: Score, cut: () => YuvRegion): void {
  const near = list.findIndex((kept) => Math.abs(kept.frameIndex - score.frameIndex) < MIN_SPACING);
  let slot = near;
  if (near < 0) slot = list.length < limit ? list.length : list.reduce((worst, kept, k) => (better(list[worst], kept) ? k : worst), 0);
  if (slot === list.length || better(score, list[slot])) list[slot] = { ...score, region: cut() };
}

function lowerFace(frame: YuvFrame, mesh: Float32Array, eyeDistance: number): YuvRegion {
  return copyRegion(frame, mesh, coreVertices(mesh), REGION_MARGIN * eyeDistance);
}
