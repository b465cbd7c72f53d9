import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { GraphModel, Tensor } from "@vladmandic/human";
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { graphToOnnx } from "@/lib/lipsync/face/models/graph-to-onnx";
import { HUMAN_MODELS_DIR } from "@/lib/lipsync/face/models/human-package";
import { loadMeshModel } from "@/lib/lipsync/face/models/load-mesh-model";
import { createSession, loadOnnxGraphModel, runOnImage } from "@/lib/lipsync/face/models/load-onnx-graph-model";
import { readGraphModel, type GraphModelFile } from "@/lib/lipsync/face/models/read-graph-model";
import { decodeFirstFrame } from "@/lib/lipsync/media/decode-first-frame";
import { loadHuman } from "../helpers/human";
import { FIXTURE_VIDEO } from "../helpers/media";

/** The fixture's face (a 320x320 portrait) in a square crop at the model's size, framed as the tracker frames it, as packed RGB bytes. */
async function faceCrop(size: number, filter = "null"): Promise<Buffer> {
  return (await decodeFirstFrame(FIXTURE_VIDEO, { width: size, height: size, videoFilter: `crop=190:190:53:20,scale=${size}:${size},${filter}`, pixelFormat: "rgb24" }))!;
}

/** Human's own run of the same model on tfjs's WASM backend: its points and face score. */
async function humanMesh(rgb: Buffer, size: number): Promise<{ points: Float32Array; confidence: number }> {
  const human = await loadHuman();
  const model = human.models.models.facemesh as GraphModel;
  const input = human.tf.tensor4d(Float32Array.from(rgb, (value) => value / 255), [1, size, size, 3]);
  const outputs = model.execute(input) as Tensor[];
  try {
    return {
      points: outputs.find((tensor) => tensor.shape.at(-1) === 1404)!.dataSync() as Float32Array,
      confidence: outputs.find((tensor) => tensor.shape.at(-1) === 1)!.dataSync()[0],
    };
  } finally {
    human.tf.dispose([input, ...outputs]);
  }
}

function planar(rgb: Buffer, size: number): Float32Array {
  const plane = size * size;
  const pixels = new Float32Array(plane * 3);
  for (let p = 0; p < plane; p++) for (let c = 0; c < 3; c++) pixels[c * plane + p] = rgb[p * 3 + c] / 255;
  return pixels;
}

describe("the face models rewritten as ONNX", () => {
  it("gives the points and the face score Human's own run of the model gives, on a face and on noise", async () => {
    const model = await loadMeshModel();
    for (const filter of ["null", "drawbox=c=gray:t=fill,noise=alls=60:allf=t"]) {
      const rgb = await faceCrop(model.size, filter);
      const expected = await humanMesh(rgb, model.size);
      const actual = await model.run(planar(rgb, model.size));
      expect(actual.points).toHaveLength(expected.points.length);
      const largest = Math.max(...actual.points.map((value, i) => Math.abs(value - expected.points[i])));
      // Crop pixels: both run the same float32 weights, only the order of the sums differs.
      expect(largest).toBeLessThan(0.01);
      expect(Math.abs(actual.confidence - expected.confidence)).toBeLessThan(1e-4);
    }
    // The noise is not a face, the portrait is: the score tells them apart, as Human's does.
    expect((await model.run(planar(await faceCrop(model.size), model.size))).confidence).toBeGreaterThan(0.9);
  });

  it("gives the detector's four outputs (scores and boxes of both grids) as Human's run of it does", async () => {
    const size = 256;
    const rgb = await decodeFirstFrame(FIXTURE_VIDEO, { width: size, height: size, videoFilter: `scale=${size}:${size}`, pixelFormat: "rgb24" });
    const names = ["Identity", "Identity_1", "Identity_2", "Identity_3"];
    const detector = await loadOnnxGraphModel("blazeface.json", () => Object.fromEntries(names.map((name) => [`out${name}`, name])));
    const ours = await runOnImage(detector, planar(rgb!, size).map((value) => value * 2 - 1));
    const human = await loadHuman();
    const input = human.tf.tensor4d(Float32Array.from(rgb!, (value) => value / 127.5 - 1), [1, size, size, 3]);
    const outputs = human.models.models.blazeface!.execute(input, names) as Tensor[];
    try {
      names.forEach((name, i) => {
        const expected = outputs[i].dataSync();
        const actual = ours[`out${name}`].data as Float32Array;
        expect(ours[`out${name}`].dims, name).toEqual(outputs[i].shape);
        // Logits (up to about 1000) and box offsets in input pixels (up to about 100): equal to float precision.
        const scale = Math.max(...expected.map(Math.abs));
        expect(Math.max(...actual.map((value, k) => Math.abs(value - expected[k]))), name).toBeLessThan(1e-5 * scale + 1e-4);
      });
    } finally {
      human.tf.dispose([input, ...outputs]);
    }
  });

  it("computes PReLU exactly, for slopes below 0 and above 1 too", async () => {
    // One PReLU over a 2x2 image of 3 channels, the slopes of the three channels far apart.
    const slopes = Float32Array.of(-1.5, 0.25, 1.4);
    const model: GraphModelFile = {
      modelTopology: {
        node: [
          { name: "image", op: "Placeholder", attr: { shape: { shape: { dim: [{ size: "1" }, { size: "2" }, { size: "2" }, { size: "3" }] } } } },
          { name: "slope", op: "Const" },
          { name: "prelu", op: "Prelu", input: ["image", "slope"] },
        ],
      },
      weightsManifest: [],
    };
    const session = await createSession(graphToOnnx(model, new Map([["slope", { shape: [1, 1, 3], values: slopes }]]), { out: "prelu" }));
    const input = Float32Array.of(-2, 3, -0.5, 1, 4, -3, 0, -1, 2, -4, 0.5, 5); // planar: 4 values a channel
    const result = (await session.run({ [session.inputNames[0]]: new ort.Tensor("float32", input, [1, 3, 2, 2]) })).out.data as Float32Array;
    const expected = Array.from(input, (x, i) => (x >= 0 ? x : x * slopes[Math.floor(i / 4)]));
    result.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 5));
  });

  it("refuses an operation it does not know, naming it, instead of writing a wrong model", async () => {
    const { model, weights } = await readGraphModel(path.join(HUMAN_MODELS_DIR, "facemesh.json"));
    const altered = structuredClone(model);
    altered.modelTopology.node.find((node) => node.op === "Sigmoid")!.op = "Tanh";
    expect(() => graphToOnnx(altered, weights, { score: model.signature!.outputs.output_faceflag.name })).toThrow(/Unsupported operation Tanh/);
  });

  it("refuses a weights file shorter than its manifest", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), "mesh-model-"));
    try {
      const { model } = await readGraphModel(path.join(HUMAN_MODELS_DIR, "facemesh.json"));
      await writeFile(path.join(folder, "model.json"), JSON.stringify({ ...model, weightsManifest: [{ ...model.weightsManifest[0], paths: ["model.bin"] }] }));
      await writeFile(path.join(folder, "model.bin"), Buffer.alloc(1000));
      await expect(readGraphModel(path.join(folder, "model.json"))).rejects.toThrow(/bytes, the manifest describes more/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("keeps only what the asked outputs need: a model of the score alone is smaller and still runs", async () => {
    const { model, weights } = await readGraphModel(path.join(HUMAN_MODELS_DIR, "facemesh.json"));
    const outputs = model.signature!.outputs;
    const both = graphToOnnx(model, weights, { mesh: outputs.output_mesh.name, score: outputs.output_faceflag.name });
    const scoreOnly = graphToOnnx(model, weights, { score: outputs.output_faceflag.name });
    expect(scoreOnly.length).toBeLessThan(both.length);
    const session = await createSession(scoreOnly);
    const size = 192;
    const result = await session.run({ [session.inputNames[0]]: new ort.Tensor("float32", planar(await faceCrop(size), size), [1, 3, size, size]) });
    expect(session.outputNames).toEqual(["score"]);
    expect((result.score.data as Float32Array)[0]).toBeGreaterThan(0.9);
  });
});
