import { loadOnnxGraphModel, runOnImage } from "./load-onnx-graph-model";

/** The 468-point face mesh model, run on one square crop at a time. */
export interface MeshModel {
  /** The crop's side in pixels. */
  size: number;
  /** Runs the model on a planar RGB crop in 0..1 ([3, size, size]): 468 points (x, y, z in crop pixels) and the face score. */
  run(pixels: Float32Array): Promise<{ points: Float32Array; confidence: number }>;
}

let modelPromise: Promise<MeshModel> | undefined;

/**
 * Human's face mesh model (MediaPipe's) on ONNX Runtime: about 1.3 ms a crop where tfjs's WASM
 * backend takes 4.7 (docs/benchmarks.md), with the same points to 1e-4 px. Only the mesh and the
 * face score are computed, not the model's third output (lip contours).
 */
export function loadMeshModel(): Promise<MeshModel> {
  modelPromise ??= (async () => {
    const model = await loadOnnxGraphModel("facemesh.json", ({ signature }) => ({
      mesh: signature!.outputs.output_mesh.name,
      score: signature!.outputs.output_faceflag.name,
    }));
    return {
      size: model.size,
      async run(pixels) {
        const result = await runOnImage(model, pixels);
        return { points: result.mesh.data as Float32Array, confidence: (result.score.data as Float32Array)[0] };
      },
    };
  })();
  return modelPromise;
}
