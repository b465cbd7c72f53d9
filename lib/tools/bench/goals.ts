import { megabytes } from "./format";
import type { Measurement } from "./measure";
import { realTimeFactor, type ClipResult } from "./result";

export interface GoalVerdict {
  goal: string;
  measured: string;
  verdict: "pass" | "fail" | "not measured";
}

/** 1.5 GB, decimal. */
const PEAK_LIMIT = 1.5e9;

function judge(
  results: ClipResult[],
  goal: string,
  clip: string,
  check: (result: ClipResult, engine: Measurement) => [measured: string, pass: boolean],
): GoalVerdict {
  const result = results.find((r) => r.spec.name === clip);
  if (!result) return { goal, measured: `clip ${clip} not run`, verdict: "not measured" };
  if (result.engine.status !== "ok") return { goal, measured: `engine ${result.engine.status}`, verdict: "not measured" };
  const [measured, pass] = check(result, result.engine.run);
  return { goal, measured, verdict: pass ? "pass" : "fail" };
}

/** The performance goals, judged from the measurements. */
export function judgeGoals(results: ClipResult[]): GoalVerdict[] {
  return [
    judge(results, "720p30 at real time or faster on 2 cores", "720p", (result, engine) => {
      const rtf = realTimeFactor(result, engine);
      return [`real-time factor ${rtf.toFixed(2)}x on clip 720p`, rtf >= 1];
    }),
    judge(results, "peak memory under 1.5 GB for a 60 s 1080p video", "1080p-60s", (_, engine) => [
      `peak RSS ${megabytes(engine.peakTreeRss)} (process tree) on clip 1080p-60s`,
      engine.peakTreeRss < PEAK_LIMIT,
    ]),
  ];
}
