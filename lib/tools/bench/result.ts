import type { ClipSpec } from "./clips";
import type { Measurement } from "./measure";

export type EngineOutcome =
  | { status: "absent" }
  | { status: "failed"; run: Measurement; message: string }
  | { status: "ok"; run: Measurement; outputFrames: number; summary: string; stages: string };

export interface ClipResult {
  spec: ClipSpec;
  frames: number;
  /** Seconds of video in the clip. */
  duration: number;
  transcode: Measurement;
  engine: EngineOutcome;
}

/** Video seconds per engine second: 1 or more is real time. */
export function realTimeFactor(result: ClipResult, engine: Measurement): number {
  return result.duration / engine.seconds;
}
