import { loadOnnxGraphModel, runOnImage } from "./load-onnx-graph-model";

/** One face the detector found, in the pixels of its square input. */
export interface DetectorBox {
  centreX: number;
  centreY: number;
  width: number;
  height: number;
  score: number;
  /** Six points: the eyes, the nose, the mouth and the ears (x, y pairs). */
  keypoints: Float32Array;
}

/** The face detector, run on one square image at a time. */
export interface FaceDetector {
  /** The square input's side in pixels. */
  size: number;
  /** The faces on a planar RGB image in -1..1 ([3, size, size]): boxes scoring at least minScore, best first, overlaps removed, at most maxFaces. */
  detect(pixels: Float32Array, minScore: number, maxFaces: number): Promise<DetectorBox[]>;
}

/** Boxes overlapping a better one by more than this (intersection over union) are the same face (Human's default). */
const SAME_FACE_IOU = 0.1;
const KEYPOINTS = 6;

let detectorPromise: Promise<FaceDetector> | undefined;

/**
 * Human's face detector (MediaPipe's BlazeFace for faces at any distance, 256x256 input) on ONNX
 * Runtime: about 9 ms an image. Its two heads score and place a box and six keypoints for every
 * anchor of a 16x16 grid (2 anchors a cell) and an 8x8 grid (6 a cell); the decoding follows
 * Human's (anchor-relative centres in input pixels).
 */
export function loadFaceDetector(): Promise<FaceDetector> {
  detectorPromise ??= (async () => {
    // Outputs by the graph's tensor names: scores and boxes of the fine grid, then of the coarse one.
    const model = await loadOnnxGraphModel("blazeface.json", () => ({ fineScores: "Identity", coarseScores: "Identity_1", fineBoxes: "Identity_2", coarseBoxes: "Identity_3" }));
    const anchors = anchorCentres(model.size);
    return {
      size: model.size,
      async detect(pixels, minScore, maxFaces) {
        const result = await runOnImage(model, pixels);
        const scores = concat(result.fineScores.data as Float32Array, result.coarseScores.data as Float32Array);
        const boxes = concat(result.fineBoxes.data as Float32Array, result.coarseBoxes.data as Float32Array);
        const stride = boxes.length / scores.length;
        if (scores.length * 2 !== anchors.length) throw new Error(`The face detector scored ${scores.length} anchors, ${anchors.length / 2} expected`);
        const found: DetectorBox[] = [];
        for (let i = 0; i < scores.length; i++) {
          const score = 1 / (1 + Math.exp(-scores[i]));
          if (score < minScore) continue;
          const row = i * stride;
          const keypoints = new Float32Array(KEYPOINTS * 2);
          for (let k = 0; k < KEYPOINTS * 2; k++) keypoints[k] = boxes[row + 4 + k] + anchors[i * 2 + (k % 2)];
          found.push({ centreX: boxes[row] + anchors[i * 2], centreY: boxes[row + 1] + anchors[i * 2 + 1], width: boxes[row + 2], height: boxes[row + 3], score, keypoints });
        }
        return suppressOverlaps(found, maxFaces);
      },
    };
  })();
  return detectorPromise;
}

/** Anchor centres (x, y) in input pixels: the 16x16 grid with 2 anchors a cell, then the 8x8 grid with 6. */
function anchorCentres(size: number): Float32Array {
  const centres: number[] = [];
  for (const [cells, perCell] of [[16, 2], [8, 6]]) {
    const stride = size / cells;
    for (let y = 0; y < cells; y++) for (let x = 0; x < cells; x++) for (let n = 0; n < perCell; n++) centres.push(stride * (x + 0.5), stride * (y + 0.5));
  }
  return Float32Array.from(centres);
}

/** Greedy non-maximum suppression: the best box, then the next one overlapping none kept so far. */
function suppressOverlaps(boxes: DetectorBox[], maxFaces: number): DetectorBox[] {
  const kept: DetectorBox[] = [];
  for (const box of boxes.sort((a, b) => b.score - a.score)) {
    if (kept.length >= maxFaces) break;
    if (kept.every((other) => overlap(box, other) <= SAME_FACE_IOU)) kept.push(box);
  }
  return kept;
}

function overlap(a: DetectorBox, b: DetectorBox): number {
  const width = Math.min(a.centreX + a.width / 2, b.centreX + b.width / 2) - Math.max(a.centreX - a.width / 2, b.centreX - b.width / 2);
  const height = Math.min(a.centreY + a.height / 2, b.centreY + b.height / 2) - Math.max(a.centreY - a.height / 2, b.centreY - b.height / 2);
  if (width <= 0 || height <= 0) return 0;
  const shared = width * height;
  return shared / (a.width * a.height + b.width * b.height - shared);
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
