import { createRequire } from "node:module";
import path from "node:path";
import type { Human } from "@vladmandic/human";

const require = createRequire(import.meta.url);
// The package's exports map hides package.json and the Node bundles; its main file sits in dist/.
const humanRoot = path.resolve(path.dirname(require.resolve("@vladmandic/human")), "..");

/** The model files shipped in the @vladmandic/human package (TensorFlow.js graph models). */
export const HUMAN_MODELS_DIR = path.join(humanRoot, "models");

/** Human's Node bundle for the WASM backend, loaded by path (the exports map hides it). */
export function humanBundle(): typeof import("@vladmandic/human") {
  return require(path.join(humanRoot, "dist/human.node-wasm.js")) as typeof import("@vladmandic/human");
}

/**
 * The 468-point mesh's triangles (vertex indices, three a triangle), as the package ships them.
 * Reading them loads Human's code (about 90 ms), not its models or its WASM backend.
 */
export function meshTriangulation(): number[] {
  const human: Human = new (humanBundle().Human)({ backend: "wasm", debug: false });
  return Array.from(human.faceTriangulation);
}
