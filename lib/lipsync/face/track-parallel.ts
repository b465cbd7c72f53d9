import type { EngineProfile } from "../profile";
import type { TrackedRange, TrackRange } from "./track-faces";
import type { TrackerPool } from "./tracker-pool";

/** Below this many frames per tracker, splitting the video costs more than it saves. */
const MIN_FRAMES_PER_TRACKER = 60;

/**
 * Pass 1 on every tracker of the pool: the video is cut into contiguous ranges, each tracked by
 * its own tracker; the last range runs to the real end of the video, so every decoded frame is
 * tracked exactly once even when the container's count is off.
 */
export async function trackFacesInParallel(
  pool: TrackerPool,
  range: Omit<TrackRange, "firstFrame" | "frameCount">,
  estimatedFrames: number,
  onProgress: (trackedFrames: number) => void,
  signal?: AbortSignal,
  profile?: EngineProfile,
): Promise<TrackedRange> {
  const parts = Math.max(1, Math.min(pool.size, Math.floor(estimatedFrames / MIN_FRAMES_PER_TRACKER)));
  const perPart = Math.ceil(estimatedFrames / parts);
  const progress = new Array<number>(parts).fill(0);
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener("abort", abort, { once: true });
  try {
    const tracked = await Promise.all(
      Array.from({ length: parts }, (_, k) =>
        pool
          .track(
            { ...range, firstFrame: k * perPart, frameCount: k === parts - 1 ? undefined : perPart },
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
    return { meshes: tracked.flatMap((part) => part.meshes), candidates: tracked.flatMap((part) => part.candidates) };
  } finally {
    signal?.removeEventListener("abort", abort);
  }
}
