import { decodeFrameSets, type DecodeSetsOptions } from "../media/decode-frames";
import { FramePool } from "../media/frame-pool";
import { cancelledError } from "../media/run-process";
import { addTime, stopwatch, type EngineProfile } from "../profile";
import { LibraryCandidates, type MouthCandidate } from "../render/library-candidates";
import { yuvFrame } from "../render/yuv-frame";
import { detectFaces, MIN_FACE_CONFIDENCE, type DetectedFace } from "./detect-faces";
import { cropAroundMesh, followMesh, type MeshCrop } from "./follow-mesh";
import { EYE_OUTER, MESH_POINTS } from "./landmarks";
import { loadMeshModel } from "./models/load-mesh-model";

export interface TrackRange {
  video: string;
  /** Displayed frame size; meshes come back in these pixels. */
  width: number;
  height: number;
  /** Longest side of the frames handed to the face model. */
  trackingSize: number;
  facePoint?: { x: number; y: number };
  /** Interpolate every other frame where the face is still instead of running the mesh on it (see trackFaces). */
  interpolateStillFrames?: boolean;
  /** First frame (decode order) and how many to track; all frames to the end when omitted. */
  firstFrame?: number;
  frameCount?: number;
  /**
   * Also keep the mouth library's candidates (LibraryCandidates), cut from the same decode's
   * full-size yuv420p frames: this size, brought there by `videoFilter` (padding to even sizes).
   */
  fullSize?: FullSize;
}

export interface FullSize {
  width: number;
  height: number;
  videoFilter?: string;
}

export interface TrackedRange {
  /** One entry per decoded frame: the mesh, or null where no face was found. */
  meshes: (Float32Array | null)[];
  /** Library candidates, numbered as frames of the whole video; empty without `fullSize`. */
  candidates: MouthCandidate[];
}

/**
 * Decodes scaled-down frames of one range of the video and tracks the chosen face's 468-point
 * mesh in each (with `interpolateStillFrames`, every other frame where the face is still is
 * interpolated instead: faster, but it lets more of the original mouth motion through).
 */
export async function trackFaces(
  range: TrackRange,
  onFrame?: (index: number) => void,
  signal?: AbortSignal,
  profile?: EngineProfile,
): Promise<TrackedRange> {
  const { video, width, height, trackingSize, facePoint, firstFrame = 0, frameCount = Infinity, interpolateStillFrames = false, fullSize } = range;
  const meshModel = await loadMeshModel();
  const decode = trackingDecode(width, height, trackingSize, firstFrame, fullSize);
  const { width: trackWidth, height: trackHeight } = decode.outputs[0];
  const toOutputX = width / trackWidth;
  const toOutputY = height / trackHeight;

  const target = facePoint && { x: facePoint.x / toOutputX, y: facePoint.y / toOutputY };
  let crop: MeshCrop | undefined;
  // The detector finds the face on the range's first frame and wherever the mesh loses it (a cut,
  // a turn away): the face nearest where it was lost, or the one asked for.
  const detect = async (frame: Buffer): Promise<MeshCrop | undefined> => {
    const chosen = chooseFace(await detectFaces(frame, trackWidth, trackHeight), crop && { x: crop.centreX, y: crop.centreY }, target);
    return chosen && cropAroundMesh(chosen.mesh);
  };
  const track = async (frame: Buffer): Promise<Float32Array | null> => {
    let followed = crop && (await followMesh(meshModel, frame, trackWidth, trackHeight, crop));
    if (!followed || followed.confidence < MIN_FACE_CONFIDENCE) {
      crop = await detect(frame);
      followed = crop && (await followMesh(meshModel, frame, trackWidth, trackHeight, crop));
    }
    if (!followed || followed.confidence < MIN_FACE_CONFIDENCE) {
      crop = undefined;
      return null;
    }
    crop = cropAroundMesh(followed.mesh);
    const mesh = followed.mesh;
    for (let i = 0; i < MESH_POINTS; i++) {
      mesh[i * 2] *= toOutputX;
      mesh[i * 2 + 1] *= toOutputY;
    }
    return mesh;
  };

  const meshes: (Float32Array | null)[] = [];
  const library = new LibraryCandidates();
  if (frameCount <= 0) return { meshes, candidates: [] };
  const lap = stopwatch(profile);
  const pool = new FramePool(trackWidth * trackHeight * 3);
  const fullPool = fullSize && new FramePool((fullSize.width * fullSize.height * 3) / 2);
  // Full-size frames wait until the next frame's mesh is known: a candidate's stillness needs both neighbours.
  const waiting = new Map<number, Buffer>();
  const offerWaiting = (settled: number) => {
    for (const [index, full] of waiting) {
      if (index + 1 < settled) library.offer(firstFrame + index, meshes[index - 1] ?? null, meshes[index], meshes[index + 1], yuvFrame(full, fullSize!.width, fullSize!.height));
      else if (settled < Infinity) break;
      fullPool!.give(full);
      waiting.delete(index);
    }
  };
  // Every other frame waits for the next one: when the face barely moved between the two around
  // it, its mesh is their mean; otherwise it is tracked too.
  let held: Buffer | undefined;
  const settleHeld = async (index: number) => {
    const before = meshes[index - 1];
    const after = meshes[index + 1];
    if (before && after && stillBetween(before, after)) {
      meshes[index] = midway(before, after);
      addTime(profile, "track: frames interpolated (a share, not ms)", 1);
    } else meshes[index] = await track(held!);
    pool.give(held!);
    held = undefined;
  };
  const outputs = [{ ...decode.outputs[0], pool }, ...decode.outputs.slice(1).map((output) => ({ ...output, pool: fullPool }))];
  for await (const [frame, full] of decodeFrameSets(video, { ...decode, outputs, signal })) {
    lap("track: wait for the decoder");
    if (signal?.aborted) throw cancelledError();
    const index = meshes.length;
    if (full) waiting.set(index, full);
    if (interpolateStillFrames && index % 2 === 1 && index + 1 < frameCount) {
      held = frame;
      meshes.push(null);
    } else {
      meshes.push(await track(frame));
      pool.give(frame);
      if (held) await settleHeld(index - 1);
      lap("track: face mesh");
    }
    if (fullSize) {
      offerWaiting(held ? meshes.length - 1 : meshes.length);
      lap("track: library candidates");
    }
    onFrame?.(index);
    lap("track: other");
    if (meshes.length >= frameCount) break;
  }
  // The range's last frame was held: nothing comes after it.
  if (held) meshes[meshes.length - 1] = await track(held);
  if (fullSize) offerWaiting(Infinity);
  return { meshes, candidates: library.candidates() };
}

/**
 * How the tracker decodes: the frames from `firstFrame` on, scaled so the longest side is
 * `trackingSize` (never up), as rgb24; with `fullSize`, each also at full size as yuv420p.
 * Scaled as yuv420p first, then turned to RGB at the small size: swscale's unscaled converter
 * costs about a third of scaling straight to rgb24. One decoding thread: the trackers and their
 * decoders already keep every core busy.
 */
export function trackingDecode(width: number, height: number, trackingSize: number, firstFrame = 0, fullSize?: FullSize): DecodeSetsOptions {
  const scale = Math.min(1, trackingSize / Math.max(width, height));
  const trackWidth = Math.max(2, Math.round((width * scale) / 2) * 2);
  const trackHeight = Math.max(2, Math.round((height * scale) / 2) * 2);
  return {
    sharedFilter: firstFrame > 0 ? `select=gte(n\\,${firstFrame})` : undefined,
    outputs: [
      { width: trackWidth, height: trackHeight, videoFilter: `scale=${trackWidth}:${trackHeight}:flags=bilinear,format=yuv420p`, pixelFormat: "rgb24" },
      ...(fullSize ? [{ ...fullSize, pixelFormat: "yuv420p" as const }] : []),
    ],
    threads: 1,
  };
}

/** Largest movement of a mesh point between two frames (pixels) over which interpolating is safe, per pixel of eye distance. */
const STILL_MOTION = 0.04;

function stillBetween(a: Float32Array, b: Float32Array): boolean {
  const limit = STILL_MOTION * Math.hypot(a[EYE_OUTER[1] * 2] - a[EYE_OUTER[0] * 2], a[EYE_OUTER[1] * 2 + 1] - a[EYE_OUTER[0] * 2 + 1]);
  for (let i = 0; i < a.length; i += 2) {
    if (Math.hypot(a[i] - b[i], a[i + 1] - b[i + 1]) > limit) return false;
  }
  return true;
}

function midway(a: Float32Array, b: Float32Array): Float32Array {
  const mesh = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) mesh[i] = (a[i] + b[i]) / 2;
  return mesh;
}

/** Keeps following the same face; otherwise the one nearest the requested point, or the largest. */
function chooseFace(faces: DetectedFace[], previous?: { x: number; y: number }, target?: { x: number; y: number }): DetectedFace | undefined {
  if (faces.length <= 1) return faces[0];
  const reference = previous ?? target;
  if (reference) {
    return faces.reduce((best, face) => (distance(centreOf(face.box), reference) < distance(centreOf(best.box), reference) ? face : best));
  }
  return faces.reduce((best, face) => (face.box[2] * face.box[3] > best.box[2] * best.box[3] ? face : best));
}

function centreOf(box: [number, number, number, number]): { x: number; y: number } {
  return { x: box[0] + box[2] / 2, y: box[1] + box[3] / 2 };
}

function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
