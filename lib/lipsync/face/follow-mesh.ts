import { EYE_OUTER, MESH_POINTS } from "./landmarks";
import type { MeshModel } from "./models/load-mesh-model";

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
 * The face mesh on one face, given where it was in the previous frame: the crop is cut from the
 * packed RGB frame in JavaScript, so a tracked frame costs one run of the mesh model. Human's own
 * tracking turns a tilted face upright by rotating the whole frame (5 ms a frame at 630x354 on
 * WASM), keeps the detector's box size between detections, meshes every face it once found and
 * truncates landmarks to whole pixels; this crop follows the face's size and roll on every frame,
 * and the landmarks stay fractional.
 */
export async function followMesh(model: MeshModel, frame: Buffer, width: number, height: number, crop: MeshCrop): Promise<{ mesh: Float32Array; confidence: number }> {
  const { size } = model;
  const { points, confidence } = await model.run(cropUpright(frame, width, height, crop, size));
  const mesh = new Float32Array(MESH_POINTS * 2);
  const scale = crop.side / size;
  const cos = Math.cos(crop.angle);
  const sin = Math.sin(crop.angle);
  for (let i = 0; i < MESH_POINTS; i++) {
    const u = (points[i * 3] - size / 2) * scale;
    const v = (points[i * 3 + 1] - size / 2) * scale;
    mesh[i * 2] = crop.centreX + u * cos - v * sin;
    mesh[i * 2 + 1] = crop.centreY + u * sin + v * cos;
  }
  return { mesh, confidence };
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

/** The crop as the model takes it: planar RGB ([3, size, size]) in 0..1, sampled bilinearly, black outside the frame. */
function cropUpright(frame: Buffer, width: number, height: number, crop: MeshCrop, size: number): Float32Array {
  const pixels = new Float32Array(size * size * 3);
  const plane = size * size;
  const step = crop.side / size;
  const cos = Math.cos(crop.angle) * step;
  const sin = Math.sin(crop.angle) * step;
  const half = size / 2 - 0.5;
  let out = 0;
  for (let row = 0; row < size; row++) {
    const v = row - half;
    // Along a row the sample point steps by (cos, sin).
    let x = crop.centreX - half * cos - v * sin;
    let y = crop.centreY - half * sin + v * cos;
    for (let column = 0; column < size; column++, out++, x += cos, y += sin) {
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const fx = x - x0;
      const fy = y - y0;
      const a = (y0 * width + x0) * 3;
      const b = a + width * 3;
      for (let c = 0, at = out; c < 3; c++, at += plane) {
        const top = frame[a + c] + (frame[a + 3 + c] - frame[a + c]) * fx;
        const bottom = frame[b + c] + (frame[b + 3 + c] - frame[b + c]) * fx;
        pixels[at] = (top + (bottom - top) * fy) / 255;
      }
    }
  }
  return pixels;
}
