import onnxProto from "onnx-proto";
import type { onnx as Onnx } from "onnx-proto";
import type { GraphModelFile, GraphNode } from "./read-graph-model";

// The package is CommonJS: its namespace comes through the default export.
const { onnx } = onnxProto;

/** A constant of the graph, its values already decoded from the weights file. */
export interface GraphWeight {
  shape: number[];
  values: Float32Array | Int32Array;
}

/**
 * Rewrites a TensorFlow.js graph model of a MobileNet-style network (the face mesh's and the face
 * detector's: convolutions with fused bias and ReLU or PReLU, depthwise convolutions, additions,
 * activations, max pooling, channel padding, reshapes) as an ONNX model, keeping only what the
 * named outputs need. TensorFlow lays images out as NHWC and ONNX's convolutions take NCHW, so the
 * ONNX model's input is planar: [1, 3, height, width]. Any operation outside that list is an
 * error, not a guess.
 */
export function graphToOnnx(model: GraphModelFile, weights: Map<string, GraphWeight>, outputs: Record<string, string>): Uint8Array {
  const nodes = new Map(model.modelTopology.node.map((node) => [node.name, node]));
  const graph: Onnx.IGraphProto = { name: "graph", node: [], initializer: [], input: [], output: [] };
  const emitted = new Set<string>();
  const constant = (name: string, dims: number[], values: Float32Array | BigInt64Array) => {
    graph.initializer!.push({
      name,
      dims,
      dataType: values instanceof Float32Array ? onnx.TensorProto.DataType.FLOAT : onnx.TensorProto.DataType.INT64,
      rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    });
    return name;
  };
  const weight = (name: string) => {
    const found = weights.get(name);
    if (!found) throw new Error(`The model has no weights for ${name}`);
    return found;
  };

  const emit = (name: string): string => {
    const node = nodes.get(name.replace(/:\d+$/, ""));
    if (!node) throw new Error(`The model has no node ${name}`);
    if (emitted.has(node.name)) return node.name;
    // Inputs first: the graph is written in execution order.
    const inputs = (node.input ?? []).filter((input) => nodes.get(input)?.op !== "Const").map(emit);
    emitted.add(node.name);
    const add = (opType: string, input: string[], output: string, attribute: Onnx.IAttributeProto[] = []) =>
      graph.node!.push({ name: output, opType, input, output: [output], attribute });
    // PReLU(x) = (1 - slope) * Relu(x) + slope * x, the per-channel products as depthwise 1x1
    // convolutions: ONNX Runtime runs those in its blocked layout, where its PReLU kernel took 41%
    // of the mesh model's time with a layout change on either side (2.6 ms a crop against 1.3).
    const addPRelu = (input: string, slopeWeight: GraphWeight, output: string) => {
      const slope = channelSlope(slopeWeight);
      const scale = (name: string, from: string, values: Float32Array) =>
        add("Conv", [from, constant(`${output}/${name}`, [slope.length, 1, 1, 1], values)], `${output}/${name}x`, [intAttribute("group", slope.length)]);
      add("Relu", [input], `${output}/relu`);
      scale("positive", `${output}/relu`, slope.map((value) => 1 - value));
      scale("negative", input, slope);
      add("Add", [`${output}/positivex`, `${output}/negativex`], output);
    };
    switch (node.op) {
      case "Placeholder": {
        const [, height, width, channels] = node.attr!.shape.shape!.dim!.map((dim) => Number(dim.size));
        graph.input!.push(tensorInfo(node.name, [1, channels, height, width]));
        break;
      }
      case "_FusedConv2D": {
        const fused = node.attr!.fused_ops.list!.s!.map(decodeString);
        const [kernel, bias, alpha] = node.input!.slice(1).map(weight);
        const convolved = fused.length > 1 ? `${node.name}/conv` : node.name;
        add("Conv", [inputs[0], constant(`${node.name}/W`, ...hwioToOihw(kernel)), constant(`${node.name}/B`, bias.shape, toFloat(bias))], convolved, convAttributes(node, kernel.shape));
        if (fused.length > 1 && fused[1] === "Prelu") addPRelu(convolved, alpha, node.name);
        else if (fused.length > 1 && fused[1] === "Relu") add("Relu", [convolved], node.name);
        else if (fused.length > 1 || fused[0] !== "BiasAdd") throw new Error(`Unsupported fused operations ${fused.join(", ")} in ${node.name}`);
        break;
      }
      case "DepthwiseConv2dNative": {
        const kernel = weight(node.input![1]);
        const groups = intAttribute("group", kernel.shape[2]);
        add("Conv", [inputs[0], constant(`${node.name}/W`, ...depthwiseToOihw(kernel))], node.name, [...convAttributes(node, kernel.shape), groups]);
        break;
      }
      case "AddV2":
        add("Add", inputs, node.name);
        break;
      case "Prelu":
        addPRelu(inputs[0], weight(node.input![1]), node.name);
        break;
      case "MaxPool":
        add("MaxPool", inputs, node.name, [intsAttribute("kernel_shape", spatial(node.attr!.ksize)), intsAttribute("strides", spatial(node.attr!.strides)), padAttribute(node)]);
        break;
      case "Pad": {
        // NHWC [[before, after] x 4] to ONNX's NCHW [befores..., afters...].
        const pads = weight(node.input![1]).values;
        const order = [0, 3, 1, 2];
        const onnxPads = BigInt64Array.from([...order.map((axis) => pads[axis * 2]), ...order.map((axis) => pads[axis * 2 + 1])], BigInt);
        add("Pad", [inputs[0], constant(`${node.name}/pads`, [8], onnxPads)], node.name);
        break;
      }
      case "Reshape": {
        // Back to TensorFlow's NHWC order first: the reshape reads the values in that order.
        const shape = weight(node.input![1]);
        const nhwc = `${node.name}/nhwc`;
        add("Transpose", inputs, nhwc, [intsAttribute("perm", [0, 2, 3, 1])]);
        add("Reshape", [nhwc, constant(`${node.name}/shape`, shape.shape, BigInt64Array.from(shape.values, BigInt))], node.name);
        break;
      }
      case "Relu":
        add("Relu", inputs, node.name);
        break;
      case "Sigmoid":
        add("Sigmoid", inputs, node.name);
        break;
      case "Identity":
        add("Identity", inputs, node.name);
        break;
      default:
        throw new Error(`Unsupported operation ${node.op} in ${node.name}`);
    }
    return node.name;
  };

  for (const [output, tensor] of Object.entries(outputs)) {
    if (nodes.has(output)) throw new Error(`The output name ${output} is taken by a node of the graph`);
    const source = emit(tensor);
    graph.node!.push({ name: output, opType: "Identity", input: [source], output: [output] });
    graph.output!.push(tensorInfo(output));
  }
  return onnx.ModelProto.encode({ irVersion: 7, opsetImport: [{ domain: "", version: 13 }], producerName: "lipsync-studio", graph }).finish();
}

function tensorInfo(name: string, dims?: number[]): Onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: dims ? { dim: dims.map((dimValue) => ({ dimValue })) } : undefined } },
  };
}

function convAttributes(node: GraphNode, kernelShape: number[]): Onnx.IAttributeProto[] {
  const dilations = spatial(node.attr!.dilations);
  if (dilations.some((d) => d !== 1)) throw new Error(`Dilated convolutions are not supported (${node.name})`);
  return [intsAttribute("kernel_shape", kernelShape.slice(0, 2)), intsAttribute("strides", spatial(node.attr!.strides)), padAttribute(node)];
}

/** TensorFlow's SAME pads the extra row and column after, as ONNX's SAME_UPPER does. */
function padAttribute(node: GraphNode): Onnx.IAttributeProto {
  const padding = decodeString(node.attr!.padding.s!);
  if (padding !== "SAME" && padding !== "VALID") throw new Error(`Unsupported padding ${padding} in ${node.name}`);
  return { name: "auto_pad", type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(padding === "SAME" ? "SAME_UPPER" : "VALID") };
}

function spatial(list: NonNullable<GraphNode["attr"]>[string] | undefined): number[] {
  return (list?.list?.i ?? ["1", "1", "1", "1"]).slice(1, 3).map(Number);
}

function intAttribute(name: string, i: number): Onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i };
}

function intsAttribute(name: string, ints: number[]): Onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints };
}

function decodeString(base64: string): string {
  return Buffer.from(base64, "base64").toString("utf8");
}

function toFloat(weight: GraphWeight): Float32Array {
  return weight.values instanceof Float32Array ? weight.values : Float32Array.from(weight.values);
}

/** [height, width, in, out] to [out, in, height, width]. */
function hwioToOihw(weight: GraphWeight): [number[], Float32Array] {
  const [height, width, channelsIn, channelsOut] = weight.shape;
  return [[channelsOut, channelsIn, height, width], transposed(weight, [3, 2, 0, 1])];
}

/** [height, width, channels, multiplier] to [channels x multiplier, 1, height, width], one group per channel. */
function depthwiseToOihw(weight: GraphWeight): [number[], Float32Array] {
  const [height, width, channels, multiplier] = weight.shape;
  return [[channels * multiplier, 1, height, width], transposed(weight, [2, 3, 0, 1])];
}

/** A 4-D weight's values with its axes in the given order (output axis k is input axis order[k]). */
function transposed(weight: GraphWeight, order: [number, number, number, number]): Float32Array {
  const shape = weight.shape;
  const strides = [shape[1] * shape[2] * shape[3], shape[2] * shape[3], shape[3], 1];
  const [n0, n1, n2, n3] = order.map((axis) => shape[axis]);
  const [s0, s1, s2, s3] = order.map((axis) => strides[axis]);
  const out = new Float32Array(weight.values.length);
  let at = 0;
  for (let a = 0; a < n0; a++)
    for (let b = 0; b < n1; b++)
      for (let c = 0; c < n2; c++)
        for (let d = 0; d < n3; d++) out[at++] = weight.values[a * s0 + b * s1 + c * s2 + d * s3];
  return out;
}

/** A per-channel PReLU slope ([1, 1, C] in NHWC): one value per channel. */
function channelSlope(weight: GraphWeight): Float32Array {
  if (weight.values.length !== weight.shape.at(-1)) throw new Error("Only per-channel PReLU slopes are supported");
  return toFloat(weight);
}
