import { readFile } from "node:fs/promises";
import path from "node:path";
import type { GraphWeight } from "./graph-to-onnx";

interface AttrValue {
  s?: string;
  i?: string;
  f?: number;
  list?: { s?: string[]; i?: string[] };
  shape?: { dim?: { size: string }[] };
}

export interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, AttrValue>;
}

/** The parts of a TensorFlow.js graph model's model.json this project reads. */
export interface GraphModelFile {
  modelTopology: { node: GraphNode[] };
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string; quantization?: { dtype: string } }[] }[];
  /** Named outputs; older conversions (the face detector) have none. */
  signature?: { outputs: Record<string, { name: string }> };
}

/** A TensorFlow.js graph model from disk: its graph, and its weights decoded to float32 (float16-quantized ones widened) or int32. */
export async function readGraphModel(jsonFile: string): Promise<{ model: GraphModelFile; weights: Map<string, GraphWeight> }> {
  const model = JSON.parse(await readFile(jsonFile, "utf8")) as GraphModelFile;
  const weights = new Map<string, GraphWeight>();
  for (const group of model.weightsManifest) {
    const data = Buffer.concat(await Promise.all(group.paths.map((file) => readFile(path.join(path.dirname(jsonFile), file)))));
    let offset = 0;
    for (const entry of group.weights) {
      const count = entry.shape.reduce((a, b) => a * b, 1);
      const stored = entry.quantization?.dtype ?? entry.dtype;
      const bytes = count * (stored === "float16" ? 2 : 4);
      if (offset + bytes > data.length) throw new Error(`The weights of ${jsonFile} are ${data.length} bytes, the manifest describes more`);
      const values = entry.dtype === "int32" ? new Int32Array(count) : new Float32Array(count);
      if (stored === "float16") {
        const table = halfTable();
        for (let i = 0, at = offset; i < count; i++, at += 2) values[i] = table[data[at] | (data[at + 1] << 8)];
      } else if (stored === "float32") for (let i = 0; i < count; i++) values[i] = data.readFloatLE(offset + i * 4);
      else if (stored === "int32") for (let i = 0; i < count; i++) values[i] = data.readInt32LE(offset + i * 4);
      else throw new Error(`Unsupported weight type ${stored} for ${entry.name}`);
      offset += bytes;
      weights.set(entry.name, { shape: entry.shape, values });
    }
    if (offset !== data.length) throw new Error(`The weights of ${jsonFile} are ${data.length} bytes, the manifest describes ${offset}`);
  }
  return { model, weights };
}

let halves: Float32Array | undefined;

/** Every IEEE 754 half-precision value by its bits: a table look-up per weight instead of a computation. */
function halfTable(): Float32Array {
  halves ??= Float32Array.from({ length: 65536 }, (_, bits) => halfToFloat(bits));
  return halves;
}

/** IEEE 754 half precision to a number. */
function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
