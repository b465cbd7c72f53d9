import { TrackerPool } from "./face/tracker-pool";
import { runLipsync, type RunLipsyncInput } from "./run-lipsync";
import type { LipsyncResult } from "./types";

/** An engine that keeps its face models and tracking processes loaded from one run to the next. */
export interface LipsyncEngine {
  run(input: Omit<RunLipsyncInput, "trackers">): Promise<LipsyncResult>;
  /** Stops the tracking processes; runs still going fail. */
  close(): Promise<void>;
  /** Tracking processes started to replace crashed or stuck ones. */
  readonly replacedTrackers: number;
}

/**
 * Starts the tracking processes (one per core unless told) and loads their models: for a process
 * that runs many tasks (the worker). A one-off run (the CLI) calls runLipsync, which starts and
 * stops its own.
 */
export function startLipsyncEngine({ trackers }: { trackers?: number } = {}): LipsyncEngine {
  const pool = new TrackerPool(trackers);
  return {
    run: (input) => runLipsync({ ...input, trackers: pool }),
    close: () => pool.close(),
    get replacedTrackers() {
      return pool.replacedTrackers;
    },
  };
}
