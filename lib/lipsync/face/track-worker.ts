import { chooseTrackingSize } from "./choose-tracking-size";
import type { EngineProfile } from "../profile";
import { MESH_POINTS } from "./landmarks";
import { loadFaceDetector } from "./models/load-face-detector";
import { meshTriangulation } from "./models/human-package";
import { loadMeshModel } from "./models/load-mesh-model";
import type { MouthCandidate } from "../render/library-candidates";
import { trackFaces, type TrackRange } from "./track-faces";

/** Jobs a tracking process takes from the pool, one at a time, for as long as it lives. */
export type TrackJob =
  | { type: "track"; job: number; range: TrackRange }
  | { type: "size"; job: number; video: string; width: number; height: number };

export type TrackWorkerRequest = TrackJob | { type: "cancel"; job: number };

/** Messages a tracking process sends to the pool. */
export type TrackWorkerMessage =
  | { type: "ready"; triangulation: number[] }
  | { type: "progress"; job: number; frames: number }
  | { type: "tracked"; job: number; packed: Float32Array; found: Uint8Array; candidates: MouthCandidate[]; profile: EngineProfile }
  | { type: "size"; job: number; size: number }
  | { type: "error"; job: number; message: string; code?: string };

const post = (message: TrackWorkerMessage) => process.send!(message);
const running = new Map<number, AbortController>();

// The face models load once; jobs queue behind them and then reuse them.
const models = Promise.all([loadFaceDetector(), loadMeshModel()]).then(() => meshTriangulation());
models.then(
  (triangulation) => post({ type: "ready", triangulation }),
  // Without a model the process is useless: exiting makes the pool report the failure.
  (error: unknown) => {
    console.error(`face model failed to load: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

// The pool is gone (its process exited, however abruptly): so is the reason to live.
process.on("disconnect", () => process.exit(0));

process.on("message", (request: TrackWorkerRequest) => {
  if (request.type === "cancel") return running.get(request.job)?.abort();
  const controller = new AbortController();
  running.set(request.job, controller);
  models
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
  const { meshes, candidates } = await trackFaces(
    request.range,
    (index) => {
      if (index % 5 === 4) post({ type: "progress", job: request.job, frames: index + 1 });
    },
    signal,
    profile,
  );
  // Packed into one buffer: one message, copied once.
  const packed = new Float32Array(meshes.length * MESH_POINTS * 2);
  const found = new Uint8Array(meshes.length);
  meshes.forEach((mesh, i) => {
    if (!mesh) return;
    packed.set(mesh, i * MESH_POINTS * 2);
    found[i] = 1;
  });
  post({ type: "tracked", job: request.job, packed, found, candidates, profile });
}
