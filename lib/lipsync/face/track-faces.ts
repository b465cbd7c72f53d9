import type { Human, Tensor3D } from "@vladmandic/human";
import { decodeFrames } from "../media/decode-frames";
import { FramePool } from "../media/frame-pool";
import { cancelledError } from "../media/run-process";
import { addTime, stopwatch, type EngineProfile } from "../profile";
import { EYE_OUTER, MESH_POINTS } from "./landmarks";
import { cropAroundMesh, followMesh, type MeshCrop } from "./follow-mesh";
import { loadHuman, MIN_FACE_CONFIDENCE } from "./load-human";
import { loadMeshModel } from "./mesh-model/load-mesh-model";

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
}

/**
 * Decodes scaled-down frames of one range of the video and tracks the chosen face's 468-point
 * mesh in each (with `interpolateStillFrames`, every other frame where the face is still is
 * interpolated instead: faster, but it lets more of the original mouth motion through). Returns one entry per decoded frame: the mesh, or null where no face was found.
 */
export async function trackFaces(
  range: TrackRange,
  onFrame?: (index: number) => void,
  signal?: AbortSignal,
  profile?: EngineProfile,
): Promise<(Float32Array | null)[]> {
  const { video, width, height, trackingSize, facePoint, firstFrame = 0, frameCount = Infinity, interpolateStillFrames = false } = range;
  const [human, meshModel] = await Promise.all([loadHuman(), loadMeshModel()]);
  const scale = Math.min(1, trackingSize / Math.max(width, height));
  const trackWidth = Math.max(2, Math.round((width * scale) / 2) * 2);
  const trackHeight = Math.max(2, Math.round((height * scale) / 2) * 2);
  const toOutputX = width / trackWidth;
  const toOutputY = height / trackHeight;
  const filters = [firstFrame > 0 ? `select=gte(n\\,${firstFrame})` : "", `scale=${trackWidth}:${trackHeight}:flags=bilinear`];

  const target = facePoint && { x: facePoint.x / toOutputX, y: facePoint.y / toOutputY };
  let crop: MeshCrop | undefined;
  // The detector finds the face on the range's first frame and wherever the mesh loses it (a cut,
  // a turn away): the face nearest where it was lost, or the one asked for.
  const detect = async (frame: Buffer): Promise<MeshCrop | undefined> => {
    const chosen = chooseFace(await detectFaces(human, frame, trackWidth, trackHeight), crop && { x: crop.centreX, y: crop.centreY }, target);
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
  if (frameCount <= 0) return meshes;
  const lap = stopwatch(profile);
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
  const pool = new FramePool(trackWidth * trackHeight * 3);
  for await (const frame of decodeFrames(video, {
    width: trackWidth,
    height: trackHeight,
    videoFilter: filters.filter(Boolean).join(","),
    pixelFormat: "rgb24",
    signal,
    pool,
  })) {
    lap("track: wait for the decoder");
    if (signal?.aborted) throw cancelledError();
    const index = meshes.length;
    if (interpolateStillFrames && index % 2 === 1 && index + 1 < frameCount) {
      held = frame;
      meshes.push(null);
    } else {
      meshes.push(await track(frame));
      pool.give(frame);
      if (held) await settleHeld(index - 1);
      lap("track: face mesh");
    }
    onFrame?.(index);
    lap("track: other");
    if (meshes.length >= frameCount) break;
  }
  // The range's last frame was held: nothing comes after it.
  if (held) meshes[meshes.length - 1] = await track(held);
  return meshes;
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

export interface DetectedFace {
  box: [number, number, number, number];
  mesh: number[][];
  eyeDistance: number;
}

/** Faces with a full mesh in one packed RGB frame, from a fresh run of the face detector. */
export async function detectFaces(human: Human, frame: Buffer, width: number, height: number): Promise<DetectedFace[]> {
  const tensor = squareForDetector(human, human.tf.tensor3d(int32Pixels(frame), [height, width, 3], "int32"));
  try {
    const result = await human.detect(tensor);
    return result.face
      .filter((face) => face.mesh.length >= MESH_POINTS && face.score > MIN_FACE_CONFIDENCE)
      .map((face) => {
        const [a, b] = EYE_OUTER.map((index) => face.mesh[index]);
        return { box: face.box as [number, number, number, number], mesh: face.mesh as number[][], eyeDistance: Math.hypot(a[0] - b[0], a[1] - b[1]) };
      });
  } finally {
    human.tf.dispose(tensor);
  }
}

let pixelScratch = new Int32Array(0);

/**
 * The frame's bytes as int32, the tensor type Human takes. tfjs converts a Uint8Array element by
 * element (2 ms for a 630x354 frame, against 0.3 ms for this copy). Its WASM backend copies the
 * values into its own memory when the tensor is made, so one array serves every frame.
 */
function int32Pixels(frame: Buffer): Int32Array {
  if (pixelScratch.length !== frame.length) pixelScratch = new Int32Array(frame.length);
  pixelScratch.set(frame);
  return pixelScratch;
}

/** Frames longer than about 16:9 on either side are padded to a square for the detector. */
const MAX_DETECTOR_ASPECT = 1.8;

/**
 * The detector squeezes its input into a square: a face in a 1:3 portrait comes out a third as
 * wide and is often missed. Padding on the right or at the bottom keeps every coordinate as it was.
 */
function squareForDetector(human: Human, frame: Tensor3D): Tensor3D {
  const [height, width] = frame.shape;
  if (Math.max(width, height) <= MAX_DETECTOR_ASPECT * Math.min(width, height)) return frame;
  const side = Math.max(width, height);
  const padded = human.tf.pad(frame, [[0, side - height], [0, side - width], [0, 0]]) as Tensor3D;
  human.tf.dispose(frame);
  return padded;
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
