import { binOf, GAP_EDGES, lipMotion, MIN_SPACING, PER_BIN, WIDTH_EDGES, YAW_EDGES } from "./library-bins";
import type { MouthCandidate } from "./library-candidates";
import { LIP_POINTS, meanColour, referenceShader, syntheticShader, type InteriorShader } from "./mouth-interior";
import { coreVertices } from "./mouth-core";
import { mouthFrame } from "./mouth-pose";
import { mouthShape, type MouthShape } from "./mouth-shape";
import { withOuterRing } from "./warp-mesh";
import { copyRegion, type YuvFrame, type YuvRegion } from "./yuv-frame";

/** Gives the interior shader for each rendered frame. */
export type InteriorSource = (frame: YuvFrame, mesh: Float32Array) => InteriorShader;

/** Mouths opened less than this (inner-lip gap over eye distance) show too little to reuse. */
const MIN_REFERENCE_GAP = 0.1;

/** The candidate whose mouth is open widest, if it is open enough to show the teeth. */
function widestOpen(candidates: MouthCandidate[], meshes: (Float32Array | null)[]): MouthCandidate | undefined {
  let best: MouthCandidate | undefined;
  let bestGap = MIN_REFERENCE_GAP;
  for (const candidate of candidates) {
    const gap = mouthShape(meshes[candidate.frameIndex]!, 1).gap; // the gap does not depend on the resting width
    if (gap > bestGap) {
      bestGap = gap;
      best = candidate;
    }
  }
  return best;
}

/** A mesh moved into the pixels of a region, for code that reads the region as a frame of its own size. */
function shifted(mesh: Float32Array, region: YuvRegion): Float32Array {
  return mesh.map((value, i) => value - (i % 2 ? region.originY : region.originX));
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

/**
 * The video's own mouths, from the candidates the trackers kept (LibraryCandidates): the library
 * (for every combination of opening, lip width and head turn the video shows, its stillest
 * frames, the least lip motion: no motion blur) and the interior source (the frame where the
 * mouth is open widest). Chosen on the smoothed meshes, so each mouth's pixels and points agree.
 */
export function videoMouths(
  candidates: MouthCandidate[],
  meshes: (Float32Array | null)[],
  strength: Float32Array,
  restHalfWidth: number,
): { library: LibraryMouth[]; interior: InteriorSource } {
  const usable = candidates.filter(({ frameIndex }) => meshes[frameIndex] && strength[frameIndex] >= 1);
  const library = pickLibraryFrames(usable, meshes, restHalfWidth).map(({ candidate, shape }) => libraryMouth(candidate, meshes[candidate.frameIndex]!, shape));
  const widest = widestOpen(usable, meshes);
  return { library, interior: interiorSource(widest?.region, widest && shifted(meshes[widest.frameIndex]!, widest.region)) };
}

function libraryMouth({ frameIndex, region }: MouthCandidate, mesh: Float32Array, shape: MouthShape): LibraryMouth {
  const margin = 0.15 * mouthFrame(mesh).eyeDistance;
  return { frameIndex, shape, region: copyRegion(region, mesh, coreVertices(mesh), margin), points: withOuterRing(mesh) };
}

/** Per bin of shape, the stillest candidates (smoothed meshes), a few frames apart. */
function pickLibraryFrames(candidates: MouthCandidate[], meshes: (Float32Array | null)[], restHalfWidth: number): { candidate: MouthCandidate; shape: MouthShape }[] {
  const bins = new Map<string, { candidate: MouthCandidate; shape: MouthShape; motion: number }[]>();
  for (const candidate of candidates) {
    const index = candidate.frameIndex;
    const mesh = meshes[index]!;
    const before = meshes[index - 1];
    const after = meshes[index + 1];
    if (!before || !after) continue;
    const shape = mouthShape(mesh, restHalfWidth);
    const key = `${binOf(shape.gap, GAP_EDGES)}/${binOf(shape.width, WIDTH_EDGES)}/${binOf(shape.yaw, YAW_EDGES)}`;
    const list = bins.get(key) ?? [];
    list.push({ candidate, shape, motion: lipMotion(before, after, mouthFrame(mesh).eyeDistance) });
    bins.set(key, list);
  }
  const picked: { candidate: MouthCandidate; shape: MouthShape }[] = [];
  for (const list of bins.values()) {
    const kept: number[] = [];
    for (const entry of list.sort((a, b) => a.motion - b.motion)) {
      if (kept.length >= PER_BIN) break;
      if (kept.some((index) => Math.abs(index - entry.candidate.frameIndex) < MIN_SPACING)) continue;
      kept.push(entry.candidate.frameIndex);
      picked.push(entry);
    }
  }
  return picked;
}
