import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Human } from "@vladmandic/human";
import { MIN_FACE_CONFIDENCE } from "@/lib/lipsync/face/detect-faces";
import { HUMAN_MODELS_DIR, humanBundle } from "@/lib/lipsync/face/models/human-package";

const require = createRequire(import.meta.url);
// The package's exports map hides package.json; its main file sits in dist/.
const wasmDist = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm"));
const modelUrl = pathToFileURL(HUMAN_MODELS_DIR + "/").href;

let humanPromise: Promise<Human> | undefined;

/**
 * Human itself (its detector and mesh on tfjs's WASM backend, the models shipped in
 * node_modules): the reference the engine's own runs of the same models are checked against.
 */
export function loadHuman(): Promise<Human> {
  humanPromise ??= (async () => {
    allowFileUrlFetch();
    const human = new (humanBundle().Human)({
      debug: false,
      backend: "wasm",
      modelBasePath: modelUrl,
      wasmPath: wasmDist + "/",
      // Every call runs the detector: no tracking between calls.
      cacheSensitivity: 0,
      filter: { enabled: false },
      face: {
        enabled: true,
        detector: { rotation: true, maxDetected: 3, skipFrames: 0, minConfidence: MIN_FACE_CONFIDENCE },
        mesh: { enabled: true },
        iris: { enabled: false },
        description: { enabled: false },
        emotion: { enabled: false },
        antispoof: { enabled: false },
        liveness: { enabled: false },
        attention: { enabled: false },
      },
      body: { enabled: false },
      hand: { enabled: false },
      object: { enabled: false },
      gesture: { enabled: false },
      segmentation: { enabled: false },
    });
    await keepProcessErrorHandling(() => human.load());
    return human;
  })();
  return humanPromise;
}

/**
 * The WASM backend's Emscripten glue adds process listeners that rethrow every unhandled rejection
 * and uncaught exception, which would turn one stray promise into a crash of the test run: drop them.
 */
async function keepProcessErrorHandling(load: () => Promise<void>): Promise<void> {
  const events = ["unhandledRejection", "uncaughtException"] as const;
  const before = new Map(events.map((event) => [event, process.listeners(event)]));
  try {
    await load();
  } finally {
    for (const event of events) {
      for (const listener of process.listeners(event)) {
        if (!before.get(event)!.includes(listener)) process.off(event, listener as (...args: unknown[]) => void);
      }
    }
  }
}

/** Node's fetch refuses file: URLs, which tfjs uses to read the model files; serve them from disk. */
function allowFileUrlFetch(): void {
  const original = globalThis.fetch;
  if ((original as { fileAware?: boolean }).fileAware) return;
  const fileAware = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith("file:")) return original(input, init);
    const body = await readFile(new URL(url));
    return new Response(body, { status: 200, headers: { "content-type": url.endsWith(".json") ? "application/json" : "application/octet-stream" } });
  };
  globalThis.fetch = Object.assign(fileAware, { fileAware: true });
}

/** Human's own meshes (x, y per point) of the faces in one packed RGB frame: the reference for the engine's detector. */
export async function humanMeshes(frame: Buffer, width: number, height: number): Promise<Float32Array[]> {
  const human = await loadHuman();
  const tensor = human.tf.tensor3d(Int32Array.from(frame), [height, width, 3], "int32");
  try {
    const result = await human.detect(tensor);
    return result.face.filter((face) => face.mesh.length >= 468).map((face) => Float32Array.from(face.mesh.slice(0, 468).flatMap((point) => [point[0], point[1]])));
  } finally {
    human.tf.dispose(tensor);
  }
}
