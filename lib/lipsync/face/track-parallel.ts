import type { EngineProfile } from "../profile";
import type { TrackRange } from "./track-faces";
import type { TrackerPool } from "./tracker-pool";

/** Below this many frames per tracker, splitting the video costs more than it saves. */
const MIN_FRAMES_PER_TRACKER = 60;

/**
 * What decoding and dropping a frame costs a tracker, as a share of tracking one: a range that
 * starts later first decodes every frame before it (see trackFaces).
 */
const SKIP_COST = 0.3;

/** Where each range starts, so that every tracker, skipping to its range and tracking it, takes about as long. */
export function rangeStarts(frames: number, parts: number): number[] {
  const kept = 1 - SKIP_COST;
  return Array.from({ length: parts + 1 }, (_, k) => Math.round((frames * (1 - kept ** k)) / (1 - kept ** parts)));
}

/**
 * Pass 1 on every tracker of the pool: the video is cut into contiguous ranges, each tracked by
 * its own tracker, later ones shorter (rangeStarts); the last range runs to the real end of the
 * video, so every decoded frame is tracked exactly once even when the container's count is off.
 */
export async function trackFacesInParallel(
  pool: TrackerPool,
  range: Omit<TrackRange, "firstFrame" | "frameCount">,
  estimatedFrames: number,
  onProgress: (trackedFrames: number) => void,
  signal?: AbortSignal,
  profile?: EngineProfile,
): Promise<(Float32Array | null)[]> {
  const parts = Math.max(1, Math.min(pool.size, Math.floor(estimatedFrames / MIN_FRAMES_PER_TRACKER)));
  const starts = rangeStarts(estimatedFrames, parts);
  const progress = new Array<number>(parts).fill(0);
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener("abort", abort, { once: true });
  try {
    const tracked = await Promise.all(
      Array.from({ length: parts }, (_, k) =>
        pool
          .track(
            { ...range, firstFrame: starts[k], frameCount: k === parts - 1 ? undefined : starts[k + 1] - starts[k] },
            (frames) => {
              progress[k] = frames;
              onProgress(progress.reduce((a, b) => a + b, 0));
            },
            controller.signal,
            profile,
          )
          // One range failing stops the others at once.
          .catch((error: unknown) => {
            controller.abort();
            throw error;
          }),
      ),
    );
    return tracked.flat();
  } finally {
    signal?.removeEventListener("abort", abort);
  }
}
