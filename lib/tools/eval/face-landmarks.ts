import { createRequire } from "node:module";
import path from "node:path";
import { repoRoot } from "./paths";

export type Point = [number, number];

// Minimal view of what we use from face-api and tfjs (their bundles are loaded by path, untyped).
interface Tensor3D {
  dispose(): void;
}
interface TfCore {
  tensor3d(values: Int32Array, shape: [number, number, number], dtype: "int32"): Tensor3D;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
}
interface DetectionWithLandmarks {
  detection: { score: number };
  landmarks: { positions: { x: number; y: number }[] };
}
interface FaceApi {
  nets: Record<"tinyFaceDetector" | "ssdMobilenetv1" | "faceLandmark68Net", { loadFromDisk(dir: string): Promise<void> }>;
  TinyFaceDetectorOptions: new (o: { inputSize: number; scoreThreshold: number }) => object;
  SsdMobilenetv1Options: new (o: { minConfidence: number; maxResults: number }) => object;
  detectAllFaces(input: Tensor3D, options: object): { withFaceLandmarks(): Promise<DetectionWithLandmarks[]> };
}

export interface LandmarkDetector {
  /** 68 points in pixel coordinates of the frame, or null when no face is found. The largest face wins. */
  detect(rgb: Uint8Array, width: number, height: number): Promise<Point[] | null>;
}

let loaded: Promise<{ tf: TfCore; faceapi: FaceApi }> | null = null;

async function load(): Promise<{ tf: TfCore; faceapi: FaceApi }> {
  const require = createRequire(import.meta.url);
  const tf = require("@tensorflow/tfjs-core") as TfCore;
  // face-api's node-wasm bundle requires the umbrella "@tensorflow/tfjs" package, which is not
  // installed; hand it core + converter + wasm, with the chained tensor methods registered.
  require("@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops");
  const wasm = require("@tensorflow/tfjs-backend-wasm") as { setWasmPaths(prefix: string): void };
  const umbrella = { ...tf, ...require("@tensorflow/tfjs-converter"), ...wasm };
  const Module = require("node:module") as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const virtualPath = path.join(repoRoot, "node_modules", "@tensorflow", "tfjs", "virtual-eval-shim.js");
  require.cache[virtualPath] = { id: virtualPath, filename: virtualPath, loaded: true, exports: umbrella } as NodeJS.Module;
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === "@tensorflow/tfjs" ? virtualPath : resolve.call(this, request, ...rest);
  };
  const faceapi = require(path.join(repoRoot, "node_modules/@vladmandic/face-api/dist/face-api.node-wasm.js")) as FaceApi;
  if (tf.getBackend() !== "wasm") {
    wasm.setWasmPaths(path.join(repoRoot, "node_modules/@tensorflow/tfjs-backend-wasm/dist") + path.sep);
    await tf.setBackend("wasm");
  }
  await tf.ready();
  const models = path.join(repoRoot, "node_modules/@vladmandic/face-api/model");
  await faceapi.nets.tinyFaceDetector.loadFromDisk(models);
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(models);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(models);
  return { tf, faceapi };
}

function area(d: DetectionWithLandmarks): number {
  const xs = d.landmarks.positions.map((p) => p.x);
  const ys = d.landmarks.positions.map((p) => p.y);
  return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
}

/** face-api 68-point landmarks on the tfjs wasm backend; independent of the engine's face mesh. */
export async function createLandmarkDetector(): Promise<LandmarkDetector> {
  loaded ??= load();
  const { tf, faceapi } = await loaded;
  // Fastest first: the tiny detector at 224 finds large faces in ~20 ms but misses small ones
  // (and at 416 misses some large ones); the SSD (~300 ms) is the last resort.
  const detectors = [
    new faceapi.TinyFaceDetectorOptions({ inputSize: 224, scoreThreshold: 0.4 }),
    new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.4 }),
    new faceapi.SsdMobilenetv1Options({ minConfidence: 0.4, maxResults: 5 }),
  ];
  return {
    async detect(rgb, width, height) {
      const input = tf.tensor3d(Int32Array.from(rgb), [height, width, 3], "int32");
      try {
        let found: DetectionWithLandmarks[] = [];
        for (const options of detectors) {
          found = await faceapi.detectAllFaces(input, options).withFaceLandmarks();
          if (found.length) break;
        }
        if (!found.length) return null;
        const best = found.reduce((a, b) => (area(b) > area(a) ? b : a));
        return best.landmarks.positions.map((p) => [p.x, p.y] as Point);
      } finally {
        input.dispose();
      }
    },
  };
}
