import { decodeFrames } from "../media/decode-frames";
import { LIP_POINTS, meanColour, referenceShader, syntheticShader, type InteriorShader } from "./mouth-interior";
import { coreAlpha } from "./mouth-core";
import { innerGaps, mouthFrame } from "./mouth-pose";
import { mouthShape, type MouthShape } from "./mouth-shape";
import { withOuterRing } from "./warp-mesh";
import { copyRegion, yuvFrame, type YuvFrame, type YuvRegion } from "./yuv-frame";

/** Gives the interior shader for each rendered frame. */
export type InteriorSource = (frame: YuvFrame, mesh: Float32Array) => InteriorShader;

/** Mouths opened less than this (inner-lip gap over eye distance) show too little to reuse. */
const MIN_REFERENCE_GAP = 0.1;

/** The frame where the tracked mouth is open widest, if it is open enough to show the teeth. */
function widestOpenFrame(meshes: (Float32Array | null)[], strength: Float32Array): number | undefined {
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
 * The person's own mouth interior when the video shows it open somewhere (`reference`, that
 * frame), else a drawn one: painted where the new mouth opens wider than the library mouth it is
 * made from.
 */
function interiorSource(reference: YuvFrame | undefined, referenceMesh: Float32Array | undefined): InteriorSource {
  if (!reference || !referenceMesh) {
    let synthetic: InteriorShader | undefined;
    return (frame, mesh) => (synthetic ??= syntheticShader(frame, mesh));
  }
  const referenceLip = Math.max(1, meanColour(reference, referenceMesh, LIP_POINTS)[0]);
  return (frame, mesh) => {
    const gain = Math.min(1.4, Math.max(0.7, meanColour(frame, mesh, LIP_POINTS)[0] / referenceLip));
    return referenceShader(reference, referenceMesh, gain);
  };
}

/** One mouth of the video, kept to be re-used in other frames (Video Rewrite). */
export interface LibraryMouth {
  frameIndex: number;
  shape: MouthShape;
  /** The lower face of that frame, and its warp vertices (mesh plus outer ring) in frame pixels. */
  region: YuvRegion;
  points: Float32Array;
}

/** Bins of the inner-lip gap (over the eye distance) the library covers, closed to wide. */
const GAP_EDGES = [0.012, 0.035, 0.07, 0.11, 0.16, 0.22];
const WIDTH_EDGES = [-0.4, 0.4];
const YAW_EDGES = [-0.05, 0.05];
/** Mouths kept per bin, at least this many frames apart. */
const PER_BIN = 2;
const MIN_SPACING = 8;

/**
 * The video's own mouths, from one decode of the frames they come from: the library (for every
 * combination of opening, lip width and head turn the video shows, its stillest frames, the least
 * lip motion: no motion blur; their lower faces are kept) and the interior source (the frame where
 * the mouth is open widest).
 */
export async function loadVideoMouths(
  video: string,
  meshes: (Float32Array | null)[],
  strength: Float32Array,
  restHalfWidth: number,
  size: { width: number; height: number; videoFilter?: string },
  signal?: AbortSignal,
): Promise<{ library: LibraryMouth[]; interior: InteriorSource }> {
  const shapes = new Map(pickLibraryFrames(meshes, strength, restHalfWidth).map((p) => [p.index, p.shape]));
  const widest = widestOpenFrame(meshes, strength);
  const order = [...new Set([...shapes.keys(), ...(widest === undefined ? [] : [widest])])].sort((a, b) => a - b);
  const library: LibraryMouth[] = [];
  let reference: YuvFrame | undefined;
  if (order.length) {
    const select = `select=${order.map((index) => `eq(n\\,${index})`).join("+")}`;
    let k = 0;
    for await (const buffer of decodeFrames(video, {
      ...size, pixelFormat: "yuv420p", signal, videoFilter: [select, size.videoFilter].filter(Boolean).join(","),
    })) {
      const frameIndex = order[k++];
      const frame = yuvFrame(buffer, size.width, size.height);
      if (frameIndex === widest) reference = frame;
      const shape = shapes.get(frameIndex);
      if (shape) library.push(libraryMouth(frame, frameIndex, meshes[frameIndex]!, shape));
      // The frames after the last one chosen need not be decoded.
      if (k === order.length) break;
    }
  }
  return { library, interior: interiorSource(reference, widest === undefined ? undefined : meshes[widest]!) };
}

function libraryMouth(frame: YuvFrame, frameIndex: number, mesh: Float32Array, shape: MouthShape): LibraryMouth {
  const alpha = coreAlpha(mesh);
  const core = Array.from(alpha.keys()).filter((i) => alpha[i] > 0 && i < mesh.length / 2);
  const margin = 0.15 * mouthFrame(mesh).eyeDistance;
  return { frameIndex, shape, region: copyRegion(frame, mesh, core, margin), points: withOuterRing(mesh) };
}

function pickLibraryFrames(meshes: (Float32Array | null)[], strength: Float32Array, restHalfWidth: number): { index: number; shape: MouthShape }[] {
  const bins = new Map<string, { index: number; shape: MouthShape; motion: number }[]>();
  const bin = (value: number, edges: number[]) => edges.filter((edge) => value >= edge).length;
  meshes.forEach((mesh, index) => {
    const before = meshes[index - 1];
    const after = meshes[index + 1];
    if (!mesh || !before || !after || strength[index] < 1) return;
    const shape = mouthShape(mesh, restHalfWidth);
    const eye = mouthFrame(mesh).eyeDistance;
    let motion = 0;
    for (const point of LIP_POINTS) motion += Math.hypot(after[point * 2] - before[point * 2], after[point * 2 + 1] - before[point * 2 + 1]);
    const key = `${bin(shape.gap, GAP_EDGES)}/${bin(shape.width, WIDTH_EDGES)}/${bin(shape.yaw, YAW_EDGES)}`;
    const list = bins.get(key) ?? [];
    list.push({ index, shape, motion: motion / eye });
    bins.set(key, list);
  });
  const picked: { index: number; shape: MouthShape }[] = [];
  for (const list of bins.values()) {
    const kept: number[] = [];
    for (const candidate of list.sort((a, b) => a.motion - b.motion)) {
      if (kept.length >= PER_BIN) break;
      if (kept.some((index) => Math.abs(index - candidate.index) < MIN_SPACING)) continue;
      kept.push(candidate.index);
      picked.push(candidate);
    }
  }
  return picked;
}
