import { parentPort } from "node:worker_threads";
import { chooseTrackingSize } from "./choose-tracking-size";
import type { EngineProfile } from "../profile";
import { MESH_POINTS } from "./landmarks";
import { loadHuman } from "./load-human";
import { loadMeshModel } from "./mesh-model/load-mesh-model";
import { trackFaces, type TrackRange } from "./track-faces";

/** Jobs a tracking thread takes from the pool, one at a time, for as long as it lives. */
export type TrackJob =
  | { type: "track"; job: number; range: TrackRange }
  | { type: "size"; job: number; video: string; width: number; height: number };

export type TrackWorkerRequest = TrackJob | { type: "cancel"; job: number };

/** Messages a tracking thread posts to the pool. */
export type TrackWorkerMessage =
  | { type: "ready"; triangulation: number[] }
  | { type: "progress"; job: number; frames: number }
  | { type: "tracked"; job: number; packed: Float32Array; found: Uint8Array; profile: EngineProfile }
  | { type: "size"; job: number; size: number }
  | { type: "error"; job: number; message: string; code?: string };

const port = parentPort!;
const post = (message: TrackWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const running = new Map<number, AbortController>();

// The face models load once; jobs queue behind them and then reuse them.
const human = Promise.all([loadHuman(), loadMeshModel()]).then(([loaded]) => loaded);
human.then(
  (loaded) => post({ type: "ready", triangulation: Array.from(loaded.faceTriangulation) }),
  // Without a model the thread is useless: exiting makes the pool report the failure.
  (error: unknown) => {
    console.error(`face model failed to load: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

port.on("message", (request: TrackWorkerRequest) => {
  if (request.type === "cancel") return running.get(request.job)?.abort();
  const controller = new AbortController();
  running.set(request.job, controller);
  human
    .then(() => runJob(request, controller.signal))
    .catch((error: unknown) =>
      post({ type: "error", job: request.job, message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code }),
    )
    .finally(() => running.delete(request.job));
});

async function runJob(request: TrackJob, signal: AbortSignal): Promise<void> {
  if (request.type === "size") {
    post({ type: "size", job: request.job, size: await chooseTrackingSize(request.video, request.width, request.height, signal) });
    return;
  }
  const profile: EngineProfile = {};
  const meshes = await trackFaces(
    request.range,
    (index) => {
      if (index % 5 === 4) post({ type: "progress", job: request.job, frames: index + 1 });
    },
    signal,
    profile,
  );
  // Packed into one transferable buffer: no copy on the way back.
  const packed = new Float32Array(meshes.length * MESH_POINTS * 2);
  const found = new Uint8Array(meshes.length);
  meshes.forEach((mesh, i) => {
    if (!mesh) return;
    packed.set(mesh, i * MESH_POINTS * 2);
    found[i] = 1;
  });
  post({ type: "tracked", job: request.job, packed, found, profile }, [packed.buffer as ArrayBuffer, found.buffer as ArrayBuffer]);
}
