import { availableParallelism } from "node:os";
import { LipsyncError, type LipsyncErrorCode } from "../errors";
import { cancelledError } from "../media/run-process";
import { startTsWorker } from "../workers/start-ts-worker";
import { MESH_POINTS } from "./landmarks";
import type { TrackRange } from "./track-faces";
import type { TrackWorkerMessage, TrackWorkerStart } from "./track-worker";

/** Below this many frames per worker, starting another face model costs more than it saves. */
const MIN_FRAMES_PER_WORKER = 60;

/**
 * Pass 1 on every core: the video is cut into contiguous ranges, each tracked by its own
 * worker thread with its own face model; the last range runs to the real end of the video,
 * so every decoded frame is tracked exactly once even when the container's count is off.
 */
export async function trackFacesInParallel(
  range: Omit<TrackRange, "firstFrame" | "frameCount" | "trackingSize">,
  trackingSize: Promise<number>,
  estimatedFrames: number,
  onProgress: (trackedFrames: number) => void,
  signal?: AbortSignal,
): Promise<(Float32Array | null)[]> {
  const workers = Math.max(1, Math.min(availableParallelism(), Math.floor(estimatedFrames / MIN_FRAMES_PER_WORKER)));
  const perWorker = Math.ceil(estimatedFrames / workers);
  const progress = new Array<number>(workers).fill(0);
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, k) =>
      runWorker(
        { ...range, firstFrame: k * perWorker, frameCount: k === workers - 1 ? undefined : perWorker },
        trackingSize,
        (frames) => {
          progress[k] = frames;
          onProgress(progress.reduce((a, b) => a + b, 0));
        },
        signal,
      ),
    ),
  );
  return parts.flat();
}

function runWorker(
  range: Omit<TrackRange, "trackingSize">,
  trackingSize: Promise<number>,
  onFrames: (frames: number) => void,
  signal?: AbortSignal,
): Promise<(Float32Array | null)[]> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    // The worker loads its face model while the tracking size is still being worked out.
    const worker = startTsWorker(new URL("./track-worker.ts", import.meta.url), range);
    const onAbort = () => void worker.terminate();
    signal?.addEventListener("abort", onAbort, { once: true });
    const settle = () => signal?.removeEventListener("abort", onAbort);
    worker.on("message", (message: TrackWorkerMessage) => {
      if (message.type === "progress") return onFrames(message.frames);
      settle();
      void worker.terminate();
      if (message.type === "error") {
        return reject(new LipsyncError((message.code as LipsyncErrorCode | undefined) ?? "ENGINE_FAILURE", message.message));
      }
      onFrames(message.found.length);
      resolve(unpack(message.packed, message.found));
    });
    worker.on("error", (error: Error) => {
      settle();
      reject(new LipsyncError("ENGINE_FAILURE", `Face tracking failed: ${error.message}`));
    });
    // After a result this rejection is a no-op; otherwise the worker died without one.
    worker.on("exit", () => {
      settle();
      reject(signal?.aborted ? cancelledError() : new LipsyncError("ENGINE_FAILURE", "Face tracking stopped unexpectedly."));
    });
    trackingSize.then(
      (size) => worker.postMessage({ trackingSize: size } satisfies TrackWorkerStart),
      (error: unknown) => {
        settle();
        void worker.terminate();
        reject(error);
      },
    );
  });
}

function unpack(packed: Float32Array, found: Uint8Array): (Float32Array | null)[] {
  const size = MESH_POINTS * 2;
  return Array.from(found, (hasFace, i) => (hasFace ? packed.slice(i * size, (i + 1) * size) : null));
}
