import type { ClipSpec } from "./clips";
import type { Measurement } from "./measure";
import type { WarmRunLine } from "./warm-engine";

export type EngineOutcome =
  | { status: "absent" }
  | { status: "failed"; run: Measurement; message: string }
  | { status: "ok"; run: Measurement; outputFrames: number; summary: string; stages: string };

/** The clip run `runs` times through one engine kept loaded (as in the worker); see warm-engine.ts. */
export type WarmOutcome =
  | { status: "ok"; run: Measurement; first: WarmRunLine; later: WarmRunLine[] }
  | { status: "failed"; run: Measurement; message: string };

export interface ClipResult {
  spec: ClipSpec;
  frames: number;
  /** Seconds of video in the clip. */
  duration: number;
  transcode: Measurement;
  engine: EngineOutcome;
  warm?: WarmOutcome;
}

/** The fastest of the warm runs (after the first), or undefined when there were none. */
export function fastestWarm(warm: WarmOutcome | undefined): WarmRunLine | undefined {
  if (warm?.status !== "ok" || warm.later.length === 0) return undefined;
  return warm.later.reduce((best, run) => (run.seconds < best.seconds ? run : best));
}

/** Video seconds per engine second: 1 or more is real time. */
export function realTimeFactor(result: ClipResult, engine: Measurement): number {
  return result.duration / engine.seconds;
}
