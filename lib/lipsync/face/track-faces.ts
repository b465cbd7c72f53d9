import type { Human } from "@vladmandic/human";
import { decodeFrames } from "../media/decode-frames";
import { EYE_OUTER, MESH_POINTS } from "./landmarks";
import { loadHuman } from "./load-human";

export interface FaceTrack {
  /** Per frame: 468 (x, y) points in output pixels, or null where no face was tracked. */
  meshes: (Float32Array | null)[];
  /** Frames in which a face was tracked. */
  framesWithFace: number;
  /** Median inter-ocular distance in output pixels over frames with a face. */
  medianEyeDistance: number;
}

export interface TrackOptions {
  width: number;
  height: number;
  /** Longest side of the frames handed to the face model. */
  trackingSize: number;
  facePoint?: { x: number; y: number };
  signal?: AbortSignal;
  onFrame?: (index: number) => void;
}

/** Pass 1: decodes scaled-down frames and tracks the chosen face's mesh in every frame. */
export async function trackFaces(video: string, options: TrackOptions): Promise<FaceTrack> {
  const { width, height, trackingSize, facePoint, signal, onFrame } = options;
  const human = await loadHuman();
  const scale = Math.min(1, trackingSize / Math.max(width, height));
  const trackWidth = Math.max(2, Math.round((width * scale) / 2) * 2);
  const trackHeight = Math.max(2, Math.round((height * scale) / 2) * 2);
  const toOutputX = width / trackWidth;
  const toOutputY = height / trackHeight;

  const meshes: (Float32Array | null)[] = [];
  const eyeDistances: number[] = [];
  let previousCentre: { x: number; y: number } | undefined;
  for await (const frame of decodeFrames(video, {
    width: trackWidth,
    height: trackHeight,
    videoFilter: `scale=${trackWidth}:${trackHeight}:flags=bilinear`,
    pixelFormat: "rgb24",
    signal,
  })) {
    const faces = await detect(human, frame, trackWidth, trackHeight);
    const chosen = chooseFace(faces, previousCentre, facePoint && { x: facePoint.x / toOutputX, y: facePoint.y / toOutputY });
    if (chosen) {
      const mesh = new Float32Array(MESH_POINTS * 2);
      for (let i = 0; i < MESH_POINTS; i++) {
        mesh[i * 2] = chosen.mesh[i][0] * toOutputX;
        mesh[i * 2 + 1] = chosen.mesh[i][1] * toOutputY;
      }
      const [a, b] = EYE_OUTER;
      eyeDistances.push(Math.hypot(mesh[a * 2] - mesh[b * 2], mesh[a * 2 + 1] - mesh[b * 2 + 1]));
      previousCentre = centreOf(chosen.box);
      meshes.push(mesh);
    } else {
      previousCentre = undefined;
      meshes.push(null);
    }
    onFrame?.(meshes.length - 1);
  }
  eyeDistances.sort((a, b) => a - b);
  return {
    meshes,
    framesWithFace: eyeDistances.length,
    medianEyeDistance: eyeDistances.length ? eyeDistances[Math.floor(eyeDistances.length / 2)] : 0,
  };
}

interface DetectedFace {
  box: [number, number, number, number];
  mesh: number[][];
}

async function detect(human: Human, frame: Buffer, width: number, height: number): Promise<DetectedFace[]> {
  const tensor = human.tf.tensor3d(new Uint8Array(frame.buffer, frame.byteOffset, frame.length), [height, width, 3], "int32");
  try {
    const result = await human.detect(tensor);
    return result.face
      .filter((face) => face.mesh.length >= MESH_POINTS && face.score > 0.3)
      .map((face) => ({ box: face.box as [number, number, number, number], mesh: face.mesh as number[][] }));
  } finally {
    human.tf.dispose(tensor);
  }
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
