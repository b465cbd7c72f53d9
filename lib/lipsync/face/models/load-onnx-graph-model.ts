import path from "node:path";
import * as ort from "onnxruntime-node";
import { HUMAN_MODELS_DIR } from "./human-package";
import { graphToOnnx } from "./graph-to-onnx";
import { readGraphModel, type GraphModelFile } from "./read-graph-model";

/** One of Human's models, rewritten as ONNX, in an ONNX Runtime session: its square input's side and the session. */
export interface OnnxGraphModel {
  size: number;
  session: ort.InferenceSession;
}

/**
 * Loads one of the face models shipped in the @vladmandic/human package (TensorFlow.js graph
 * models), rewrites it as ONNX in memory with only the outputs asked for (name: the graph's
 * tensor), and opens it on ONNX Runtime's CPU kernels with one thread: each tracking thread runs
 * its own models, and the pool has one thread a core.
 */
export async function loadOnnxGraphModel(file: string, outputs: (model: GraphModelFile) => Record<string, string>): Promise<OnnxGraphModel> {
  const { model, weights } = await readGraphModel(path.join(HUMAN_MODELS_DIR, file));
  const session = await createSession(graphToOnnx(model, weights, outputs(model)));
  const input = model.modelTopology.node.find((node) => node.op === "Placeholder")!;
  return { size: Number(input.attr!.shape.shape!.dim![1].size), session };
}

/**
 * An ONNX Runtime session on the CPU with one thread. ONNX Runtime 1.30's Linux build carries
 * Microsoft's telemetry: on its first session it writes `.ses` and `mat-debug-<pid>.log` into
 * TMPDIR and tries to upload over HTTPS. ORT_DISABLE_TELEMETRY, read when that first session is
 * made, turns it off (a value set by the user wins).
 */
export function createSession(model: Uint8Array): Promise<ort.InferenceSession> {
  process.env.ORT_DISABLE_TELEMETRY ??= "1";
  return ort.InferenceSession.create(model, {
    executionProviders: ["cpu"],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  });
}

/** Runs a model on one planar RGB image ([3, size, size]). */
export function runOnImage(model: OnnxGraphModel, pixels: Float32Array): Promise<ort.InferenceSession.ReturnType> {
  return model.session.run({ [model.session.inputNames[0]]: new ort.Tensor("float32", pixels, [1, 3, model.size, model.size]) });
}
