import { once } from "node:events";
import { parentPort, workerData } from "node:worker_threads";
import { MESH_POINTS } from "./landmarks";
import { loadHuman } from "./load-human";
import { trackFaces, type TrackRange } from "./track-faces";

/** Messages a tracking worker posts to its parent. */
export type TrackWorkerMessage =
  | { type: "progress"; frames: number }
  | { type: "done"; packed: Float32Array; found: Uint8Array }
  | { type: "error"; message: string; code?: string };

const port = parentPort!;
const post = (message: TrackWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** The parent sends the tracking size once it has looked at the video; the model loads meanwhile. */
export type TrackWorkerStart = { trackingSize: number };

// Tracks one range of frames and sends the meshes back packed into one transferable buffer.
Promise.all([loadHuman(), once(port, "message") as Promise<[TrackWorkerStart]>])
  .then(([, [{ trackingSize }]]) =>
    trackFaces({ ...(workerData as Omit<TrackRange, "trackingSize">), trackingSize }, (index) => {
      if (index % 5 === 4) post({ type: "progress", frames: index + 1 });
    }),
  )
  .then(
  (meshes) => {
    const packed = new Float32Array(meshes.length * MESH_POINTS * 2);
    const found = new Uint8Array(meshes.length);
    meshes.forEach((mesh, i) => {
      if (!mesh) return;
      packed.set(mesh, i * MESH_POINTS * 2);
      found[i] = 1;
    });
    post({ type: "done", packed, found }, [packed.buffer as ArrayBuffer, found.buffer as ArrayBuffer]);
  },
  (error: unknown) => post({ type: "error", message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code }),
);
