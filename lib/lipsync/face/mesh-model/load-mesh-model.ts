import path from "node:path";
import * as ort from "onnxruntime-node";
import { HUMAN_MODELS_DIR } from "../load-human";
import { graphToOnnx } from "./graph-to-onnx";
import { readGraphModel } from "./read-graph-model";

/** The 468-point face mesh model, run on one square crop at a time. */
export interface MeshModel {
  /** The crop's side in pixels. */
  size: number;
  /** Runs the model on a planar RGB crop in 0..1 ([3, size, size]): 468 points (x, y, z in crop pixels) and the face score. */
  run(pixels: Float32Array): Promise<{ points: Float32Array; confidence: number }>;
}

let modelPromise: Promise<MeshModel> | undefined;

/**
 * Human's face mesh model (MediaPipe's, shipped in the @vladmandic/human package), rewritten as
 * ONNX in memory when first loaded and run by ONNX Runtime's CPU kernels: about 2.9 ms a crop
 * where tfjs's WASM backend takes 4.7 (docs/benchmarks.md), with the same points to 1e-4 px. Only
 * the mesh and the face score are computed, not the model's third output (lip contours). One
 * intra-op thread: each tracking thread runs its own model, and the pool has one thread a core.
 */
export function loadMeshModel(): Promise<MeshModel> {
  modelPromise ??= (async () => {
    const { model, weights } = await readGraphModel(path.join(HUMAN_MODELS_DIR, "facemesh.json"));
    const outputs = model.signature.outputs;
    const onnxModel = graphToOnnx(model, weights, { mesh: outputs.output_mesh.name, score: outputs.output_faceflag.name });
    const session = await ort.InferenceSession.create(onnxModel, {
      executionProviders: ["cpu"],
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
    });
    const inputName = session.inputNames[0];
    const size = Number(model.modelTopology.node.find((node) => node.op === "Placeholder")!.attr!.shape.shape!.dim![1].size);
    return {
      size,
      async run(pixels) {
        const result = await session.run({ [inputName]: new ort.Tensor("float32", pixels, [1, 3, size, size]) });
        return { points: result.mesh.data as Float32Array, confidence: (result.score.data as Float32Array)[0] };
      },
    };
  })();
  return modelPromise;
}
