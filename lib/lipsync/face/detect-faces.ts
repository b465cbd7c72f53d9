import { cropAroundMesh, followMesh, type MeshCrop } from "./follow-mesh";
import { EYE_OUTER } from "./landmarks";
import { loadFaceDetector, type DetectorBox } from "./models/load-face-detector";
import { loadMeshModel } from "./models/load-mesh-model";

/** Below this score a detected face, or a followed mesh, is not a face. */
export const MIN_FACE_CONFIDENCE = 0.3;

/** Faces looked for in one frame: the engine follows one, chosen by size or by a point. */
const MAX_FACES = 3;

/** Frames longer than about 16:9 on either side are padded to a square for the detector. */
const MAX_DETECTOR_ASPECT = 1.8;

/** Human's square around the detector's box, as a side over the box's longer side. */
const BOX_TO_CROP = 1.4;

/** Mesh runs that move the detector's rough crop onto the face's own (the first lands within a few pixels). */
const SETTLE_STEPS = 2;

export interface DetectedFace {
  /** x, y, width, height around the mesh, in frame pixels. */
  box: [number, number, number, number];
  mesh: Float32Array;
  eyeDistance: number;
}

/**
 * Faces with a full 468-point mesh in one packed RGB frame: the detector finds each face's box
 * and roll (its mouth-to-nose line), and the mesh model, run on a crop turned upright and then on
 * the crop around its own mesh, places the points. Faces whose mesh scores under
 * MIN_FACE_CONFIDENCE are dropped.
 */
export async function detectFaces(frame: Buffer, width: number, height: number): Promise<DetectedFace[]> {
  const [detector, meshModel] = await Promise.all([loadFaceDetector(), loadMeshModel()]);
  // The detector squeezes its input into a square: a face in a 1:3 portrait comes out a third as
  // wide and is often missed. Padding on the right or at the bottom keeps every coordinate as it was.
  const padded = Math.max(width, height) > MAX_DETECTOR_ASPECT * Math.min(width, height);
  const spanX = padded ? Math.max(width, height) : width;
  const spanY = padded ? Math.max(width, height) : height;
  const boxes = await detector.detect(squeezed(frame, width, height, spanX, spanY, detector.size), MIN_FACE_CONFIDENCE, MAX_FACES);
  const faces: DetectedFace[] = [];
  for (const box of boxes) {
    let crop = cropFromBox(box, spanX / detector.size, spanY / detector.size);
    let followed = await followMesh(meshModel, frame, width, height, crop);
    for (let step = 0; step < SETTLE_STEPS; step++) {
      crop = cropAroundMesh(followed.mesh);
      followed = await followMesh(meshModel, frame, width, height, crop);
    }
    if (followed.confidence < MIN_FACE_CONFIDENCE) continue;
    faces.push({ box: boundingBox(followed.mesh), mesh: followed.mesh, eyeDistance: eyeDistance(followed.mesh) });
  }
  return faces;
}

/** The mesh model's first crop: a square around the detector's box, turned by the face's roll. */
function cropFromBox(box: DetectorBox, scaleX: number, scaleY: number): MeshCrop {
  const point = (index: number) => [box.keypoints[index * 2] * scaleX, box.keypoints[index * 2 + 1] * scaleY];
  const [noseX, noseY] = point(2);
  const [mouthX, mouthY] = point(3);
  // Upright, the mouth-to-nose line points straight up: its turn from there is the face's roll.
  const angle = Math.atan2(noseX - mouthX, mouthY - noseY);
  return {
    centreX: box.centreX * scaleX,
    centreY: box.centreY * scaleY,
    side: BOX_TO_CROP * Math.max(box.width * scaleX, box.height * scaleY),
    angle,
  };
}

/**
 * The frame's area [0, spanX) x [0, spanY) (beyond the frame: black) resized to size x size,
 * planar RGB in -1..1 as the detector takes it, sampled bilinearly at pixel centres.
 */
function squeezed(frame: Buffer, width: number, height: number, spanX: number, spanY: number, size: number): Float32Array {
  const plane = size * size;
  const pixels = new Float32Array(plane * 3).fill(-1);
  const stepX = spanX / size;
  const stepY = spanY / size;
  for (let row = 0; row < size; row++) {
    const y = Math.min(Math.max((row + 0.5) * stepY - 0.5, 0), spanY - 1);
    const y0 = Math.floor(y);
    if (y0 >= height) continue;
    const y1 = Math.min(y0 + 1, height - 1);
    const fy = y - y0;
    for (let column = 0; column < size; column++) {
      const x = Math.min(Math.max((column + 0.5) * stepX - 0.5, 0), spanX - 1);
      const x0 = Math.floor(x);
      if (x0 >= width) continue;
      const x1 = Math.min(x0 + 1, width - 1);
      const fx = x - x0;
      const a = (y0 * width + x0) * 3, b = (y0 * width + x1) * 3, c = (y1 * width + x0) * 3, d = (y1 * width + x1) * 3;
      for (let channel = 0, at = row * size + column; channel < 3; channel++, at += plane) {
        const top = frame[a + channel] + (frame[b + channel] - frame[a + channel]) * fx;
        const bottom = frame[c + channel] + (frame[d + channel] - frame[c + channel]) * fx;
        pixels[at] = (top + (bottom - top) * fy) / 127.5 - 1;
      }
    }
  }
  return pixels;
}

function boundingBox(mesh: Float32Array): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < mesh.length; i += 2) {
    minX = Math.min(minX, mesh[i]);
    maxX = Math.max(maxX, mesh[i]);
    minY = Math.min(minY, mesh[i + 1]);
    maxY = Math.max(maxY, mesh[i + 1]);
  }
  return [minX, minY, maxX - minX, maxY - minY];
}

function eyeDistance(mesh: Float32Array): number {
  const [a, b] = EYE_OUTER;
  return Math.hypot(mesh[a * 2] - mesh[b * 2], mesh[a * 2 + 1] - mesh[b * 2 + 1]);
}
