import { fmt, table } from "./markdown";
import { mean } from "./stats";

/** One engine output's figures that issue 10 judges per clip. */
export interface PairFigures {
  clip: string;
  learnedR: number;
  inputLeak: number;
}

export interface ClipFigures {
  clip: string;
  pairs: number;
  /** Means over the clip's speech files. */
  learnedR: number;
  inputLeak: number;
  /** The clip's highest input leak over its speech files. */
  worstLeak: number;
}

/**
 * Groups the pairs by clip. A single pair's leak is partly chance (the new speech's rhythm may
 * resemble the old on a few seconds of video); the mean over several speech files is the clip's.
 */
export function perClip(pairs: PairFigures[]): ClipFigures[] {
  const clips = [...new Set(pairs.map((p) => p.clip))];
  return clips.map((clip) => {
    const own = pairs.filter((p) => p.clip === clip);
    return {
      clip,
      pairs: own.length,
      learnedR: mean(own.map((p) => p.learnedR)),
      inputLeak: mean(own.map((p) => p.inputLeak)),
      worstLeak: Math.max(...own.map((p) => p.inputLeak)),
    };
  });
}

/** The per-clip table and the two per-clip verdicts: the weakest clip's sync against half the mean, the largest clip leak against 0.3. */
export function perClipReport(pairs: PairFigures[]): string {
  const clips = perClip(pairs);
  if (clips.length === 0) return "";
  const weakest = clips.reduce((a, b) => (b.learnedR < a.learnedR ? b : a));
  const leakiest = clips.reduce((a, b) => (b.inputLeak > a.inputLeak ? b : a));
  const overall = mean(pairs.map((p) => p.learnedR));
  return [
    "Per clip (means over each clip's speech files; issue 10 words goals 1 and 2 per clip):",
    "",
    table(
      ["clip", "pairs", "sync_learned r", "input leak r", "highest pair leak"],
      clips.map((c) => [c.clip, String(c.pairs), fmt(c.learnedR), fmt(c.inputLeak), fmt(c.worstLeak)]),
    ),
    "",
    `Weakest clip's sync_learned r ${fmt(weakest.learnedR)} (${weakest.clip}) against half the mean, ${fmt(overall / 2)}. ` +
      `Largest clip input leak ${fmt(leakiest.inputLeak)} (${leakiest.clip}); ${clips.filter((c) => c.inputLeak > 0.3).length} of ${clips.length} clips above 0.3.`,
  ].join("\n");
}
