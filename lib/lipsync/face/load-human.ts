import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Human } from "@vladmandic/human";

const require = createRequire(import.meta.url);
// Both packages' exports maps hide package.json; their main files sit in dist/.
const humanRoot = path.resolve(path.dirname(require.resolve("@vladmandic/human")), "..");
const wasmDist = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm"));
/** Human's model files, shipped in its npm package. */
export const HUMAN_MODELS_DIR = path.join(humanRoot, "models");
const modelUrl = pathToFileURL(HUMAN_MODELS_DIR + "/").href;

/** Below this score a detected face, or a followed mesh, is not a face. */
export const MIN_FACE_CONFIDENCE = 0.3;

let humanPromise: Promise<Human> | undefined;

/**
 * One Human instance per process: face detector + 468-point mesh on the tfjs WASM backend,
 * with the models shipped in node_modules (nothing is downloaded).
 */
export function loadHuman(): Promise<Human> {
  humanPromise ??= (async () => {
    allowFileUrlFetch();
    // The package's exports map hides the Node WASM bundle; load it by path.
    const { Human: HumanClass } = require(path.join(humanRoot, "dist/human.node-wasm.js")) as typeof import("@vladmandic/human");
    const human = new HumanClass({
      debug: false,
      backend: "wasm",
      modelBasePath: modelUrl,
      wasmPath: wasmDist + "/",
      // Every call runs the detector: tracking between detections is followMesh's, not Human's cache.
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
 * and uncaught exception, so one stray promise (a library's, during a database outage) would kill
 * the process whatever it decided itself (the worker logs them and carries on): drop them.
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
