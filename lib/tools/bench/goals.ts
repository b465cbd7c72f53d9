import { megabytes } from "./format";
import type { Measurement } from "./measure";
import { fastestWarm, realTimeFactor, type ClipResult } from "./result";

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

/** A goal on the kept-loaded engine's fastest warm run of a clip. */
function judgeWarm(results: ClipResult[], goal: string, clip: string, check: (result: ClipResult, seconds: number) => [string, boolean]): GoalVerdict {
  const result = results.find((r) => r.spec.name === clip);
  const best = fastestWarm(result?.warm);
  if (!result || !best) return { goal, measured: result ? "no warm run" : `clip ${clip} not run`, verdict: "not measured" };
  const [measured, pass] = check(result, best.seconds);
  return { goal, measured, verdict: pass ? "pass" : "fail" };
}

/** The performance goals, judged from the measurements. */
export function judgeGoals(results: ClipResult[]): GoalVerdict[] {
  return [
    judgeWarm(results, "warm worker at most 2x a plain transcode at 720p", "720p", (result, seconds) => {
      const ratio = seconds / result.transcode.seconds;
      return [`warm ratio ${ratio.toFixed(2)}x on clip 720p`, ratio <= 2];
    }),
    ...["1080p", "hevc-portrait"].map((clip) =>
      judgeWarm(results, `warm worker at real time or faster at 1080p (${clip})`, clip, (result, seconds) => {
        const rtf = result.duration / seconds;
        return [`warm real-time factor ${rtf.toFixed(2)}x on clip ${clip}`, rtf >= 1];
      }),
    ),
    judge(results, "CLI (cold) at most 3x a plain transcode at 720p", "720p", (result, engine) => {
      const ratio = engine.seconds / result.transcode.seconds;
      return [`ratio ${ratio.toFixed(2)}x on clip 720p`, ratio <= 3];
    }),
    judge(results, "720p30 at real time or faster on 2 cores", "720p", (result, engine) => {
      const rtf = realTimeFactor(result, engine);
      return [`real-time factor ${rtf.toFixed(2)}x on clip 720p`, rtf >= 1];
    }),
    judge(results, "peak memory under 1.5 GB for a 60 s 1080p video", "1080p-60s", (result, engine) => {
      const warm = result.warm?.run.peakTreeRss ?? 0;
      return [
        `peak RSS ${megabytes(engine.peakTreeRss)} (CLI process tree), ${warm ? megabytes(warm) : "not measured"} (warm engine process tree) on clip 1080p-60s`,
        Math.max(engine.peakTreeRss, warm) < PEAK_LIMIT,
      ];
    }),
  ];
}
