import { TrackerPool } from "./face/tracker-pool";
import { runLipsync, type RunLipsyncInput } from "./run-lipsync";
import type { LipsyncResult } from "./types";

/** An engine that keeps its face models and tracking threads loaded from one run to the next. */
export interface LipsyncEngine {
  run(input: Omit<RunLipsyncInput, "trackers">): Promise<LipsyncResult>;
  /** Stops the tracking threads; runs still going fail. */
  close(): Promise<void>;
  /** Tracking threads started to replace crashed or stuck ones. */
  readonly replacedThreads: number;
}

/**
 * Starts the tracking threads (one per core unless told) and loads their models: for a process
 * that runs many tasks (the worker). A one-off run (the CLI) calls runLipsync, which starts and
 * stops its own threads.
 */
export function startLipsyncEngine({ threads }: { threads?: number } = {}): LipsyncEngine {
  const pool = new TrackerPool(threads);
  return {
    run: (input) => runLipsync({ ...input, trackers: pool }),
    close: () => pool.close(),
    get replacedThreads() {
      return pool.replacedThreads;
    },
  };
}
