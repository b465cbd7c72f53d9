import type { GraphModel, Human, Tensor } from "@vladmandic/human";
import type { YuvFrame } from "../render/yuv-frame";
import { EYE_OUTER, MESH_POINTS } from "./landmarks";
import { B_FROM_U, fullRangeLuma, G_FROM_U, G_FROM_V, R_FROM_V } from "./yuv-to-rgb";

/** Where the mesh model looks in the next frame: a square around the face, turned upright. */
export interface MeshCrop {
  centreX: number;
  centreY: number;
  side: number;
  /** The face's roll (radians): the crop is turned by it so the model sees the face upright. */
  angle: number;
}

/** The crop's side over the face's size across its mesh (MediaPipe's landmarks-to-crop scale). */
const CROP_SCALE = 1.5;

/**
 * Human's face mesh on one face, given where it was in the previous frame: the crop is cut from
 * the yuv420p frame (and turned to RGB) in JavaScript, so a tracked frame costs one run of the mesh model. Human's
 * own tracking turns a tilted face upright by rotating the whole frame (5 ms a frame at 630x354 on
 * WASM), keeps the detector's box size between detections, meshes every face it once found and
 * truncates landmarks to whole pixels; this crop follows the face's size and roll on every frame,
 * and the landmarks stay fractional.
 */
export function followMesh(human: Human, frame: YuvFrame, crop: MeshCrop): { mesh: Float32Array; confidence: number } {
  const model = human.models.models.facemesh as GraphModel | null;
  if (!model) throw new Error("Human's face mesh model is not loaded");
  const size = model.inputs[0].shape![1]!;
  const input = human.tf.tensor4d(cropUpright(frame, crop, size), [1, size, size, 3]);
  const outputs = model.execute(input) as Tensor[];
  try {
    const confidence = outputs.find((tensor) => tensor.shape.at(-1) === 1)!.dataSync()[0];
    const raw = outputs.find((tensor) => tensor.shape.at(-1) === MESH_POINTS * 3)!.dataSync();
    const mesh = new Float32Array(MESH_POINTS * 2);
    const scale = crop.side / size;
    const cos = Math.cos(crop.angle);
    const sin = Math.sin(crop.angle);
    for (let i = 0; i < MESH_POINTS; i++) {
      const u = (raw[i * 3] - size / 2) * scale;
      const v = (raw[i * 3 + 1] - size / 2) * scale;
      mesh[i * 2] = crop.centreX + u * cos - v * sin;
      mesh[i * 2 + 1] = crop.centreY + u * sin + v * cos;
    }
    return { mesh, confidence };
  } finally {
    human.tf.dispose([input, ...outputs]);
  }
}

/** The crop for the next frame, from this frame's mesh: its centre, its roll (from the eye line, as MediaPipe does) and its size across the roll. */
export function cropAroundMesh(mesh: Float32Array | number[][]): MeshCrop {
  const at = (index: number): [number, number] => (mesh instanceof Float32Array ? [mesh[index * 2], mesh[index * 2 + 1]] : [mesh[index][0], mesh[index][1]]);
  // The eye line's slope: zero for a level face, positive when it is turned clockwise on screen.
  const [left, right] = EYE_OUTER.map(at);
  const angle = Math.atan2(right[1] - left[1], right[0] - left[0]);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
  for (let i = 0; i < MESH_POINTS; i++) {
    const [x, y] = at(i);
    const u = x * cos + y * sin;
    const v = -x * sin + y * cos;
    minU = Math.min(minU, u);
    maxU = Math.max(maxU, u);
    minV = Math.min(minV, v);
    maxV = Math.max(maxV, v);
  }
  const u = (minU + maxU) / 2;
  const v = (minV + maxV) / 2;
  return { centreX: u * cos - v * sin, centreY: u * sin + v * cos, side: CROP_SCALE * Math.max(maxU - minU, maxV - minV), angle };
}

/**
 * The crop as the model takes it: size x size RGB in 0..1, black outside the frame. Luma and
 * chroma are each sampled bilinearly; a chroma sample sits under the left luma column of its pair
 * and between its two rows (yuv420p's usual siting).
 */
function cropUpright(frame: YuvFrame, crop: MeshCrop, size: number): Float32Array {
  const { width, height, y: lumaPlane, u: uPlane, v: vPlane } = frame;
  const chromaWidth = width / 2;
  const pixels = new Float32Array(size * size * 3);
  const step = crop.side / size;
  const cos = Math.cos(crop.angle) * step;
  const sin = Math.sin(crop.angle) * step;
  const half = size / 2 - 0.5;
  let out = 0;
  for (let row = 0; row < size; row++) {
    const v = row - half;
    for (let column = 0; column < size; column++, out += 3) {
      const u = column - half;
      const x = crop.centreX + u * cos - v * sin;
      const y = crop.centreY + u * sin + v * cos;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const luma = fullRangeLuma(bilinear(lumaPlane, width, x0, y0, x - x0, y - y0));
      const cx = Math.min(x / 2, chromaWidth - 1.001);
      const cy = Math.min(Math.max(0, (y - 0.5) / 2), height / 2 - 1.001);
      const cx0 = Math.floor(cx);
      const cy0 = Math.floor(cy);
      const cb = bilinear(uPlane, chromaWidth, cx0, cy0, cx - cx0, cy - cy0) - 128;
      const cr = bilinear(vPlane, chromaWidth, cx0, cy0, cx - cx0, cy - cy0) - 128;
      pixels[out] = clampUnit((luma + R_FROM_V * cr) / 255);
      pixels[out + 1] = clampUnit((luma - G_FROM_U * cb - G_FROM_V * cr) / 255);
      pixels[out + 2] = clampUnit((luma + B_FROM_U * cb) / 255);
    }
  }
  return pixels;
}

function bilinear(plane: Uint8Array, width: number, x0: number, y0: number, fx: number, fy: number): number {
  const a = y0 * width + x0;
  const b = a + width;
  const top = plane[a] + (plane[a + 1] - plane[a]) * fx;
  const bottom = plane[b] + (plane[b + 1] - plane[b]) * fx;
  return top + (bottom - top) * fy;
}

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}
