import { AUDIO_RATE, decodeAudio } from "./decode-audio";
import { trainLearnedModel } from "./learned-model";
import { fmt, fmtLag, table } from "./markdown";
import { loadMediaSet, trainingClips, type MediaSet } from "./media-set";
import { pairSeries } from "./pair-series";
import { delayAudio, pooledLag, type LagPair } from "./pooled-lag";
import { auc, mean, std } from "./stats";
import { learnedSeries, MAX_LAG, scoreSync, type SyncScores } from "./sync-measures";

interface PairResult {
  clip: string;
  audio: string;
  kind: "real" | "mismatched" | "delayed";
  scores: SyncScores;
}

/** Measures, and whether a higher value means "more in sync". */
const MEASURES: { key: keyof SyncScores; label: string; higherIsSync: boolean }[] = [
  { key: "learnedR", label: "sync_learned r (lag 0)", higherIsSync: true },
  { key: "learnedBestR", label: "sync_learned r (best lag)", higherIsSync: true },
  { key: "loudnessR", label: "sync_loudness r (lag 0)", higherIsSync: true },
  { key: "loudnessBestR", label: "sync_loudness r (best lag)", higherIsSync: true },
  { key: "stillness", label: "stillness ratio (lower = stiller in silence)", higherIsSync: false },
];

const DELAY_FRAMES = 5;

function scorePairs(set: MediaSet): PairResult[] {
  const results: PairResult[] = [];
  for (const clip of set.clips.filter((c) => c.real && c.own)) {
    // Leave-one-clip-out: the model that scores this clip never saw its speaker.
    const model = trainLearnedModel(trainingClips(set, clip.name));
    results.push({ clip: clip.name, audio: "own", kind: "real", scores: scoreSync(clip.own!, model) });
    for (const s of set.speech) {
      results.push({ clip: clip.name, audio: s.name, kind: "mismatched", scores: scoreSync(pairSeries(clip.track, s.samples), model) });
    }
  }
  return results;
}

/** Real clips with their own audio against the same clips with every other speech file. */
export async function runCalibration(): Promise<string | null> {
  const set = await loadMediaSet();
  if (!set) return null;
  const results = scorePairs(set);
  const ownPairs: LagPair[] = [];
  const delayedPairs: LagPair[] = [];
  // A known 5-frame audio delay should move the learned measure's best lag by -5 (mouth before sound).
  for (const clip of set.clips.filter((c) => c.real && c.own)) {
    const model = trainLearnedModel(trainingClips(set, clip.name));
    const own = await decodeAudio(clip.file);
    const late = pairSeries(clip.track, delayAudio(own, DELAY_FRAMES / clip.track.fps, AUDIO_RATE));
    results.push({ clip: clip.name, audio: `own, delayed ${DELAY_FRAMES} frames`, kind: "delayed", scores: scoreSync(late, model) });
    ownPairs.push({ mouth: clip.track.opening, audio: learnedSeries(clip.own!, model) });
    delayedPairs.push({ mouth: clip.track.opening, audio: learnedSeries(late, model) });
  }
  const [ownLag, delayedLag] = [pooledLag(ownPairs, MAX_LAG), pooledLag(delayedPairs, MAX_LAG)];
  const real = results.filter((r) => r.kind === "real");
  const mis = results.filter((r) => r.kind === "mismatched");
  const summary = table(
    ["measure", `real (n=${real.length}) mean ± std`, `mismatched (n=${mis.length}) mean ± std`, "AUC"],
    MEASURES.map((m) => {
      const a = real.map((r) => r.scores[m.key]);
      const b = mis.map((r) => r.scores[m.key]);
      const sign = m.higherIsSync ? 1 : -1;
      return [m.label, `${fmt(mean(a))} ± ${fmt(std(a))}`, `${fmt(mean(b))} ± ${fmt(std(b))}`,
        fmt(auc(a.map((v) => sign * v), b.map((v) => sign * v)))];
    }),
  );
  const pairs = table(
    ["clip", "audio", "learned r", "learned best r (lag)", "loudness r", "loudness best r (lag)", "stillness"],
    results.map((r) => [r.clip, r.audio, fmt(r.scores.learnedR),
      `${fmt(r.scores.learnedBestR)} (${fmtLag(r.scores.learnedLag)})`, fmt(r.scores.loudnessR),
      `${fmt(r.scores.loudnessBestR)} (${fmtLag(r.scores.loudnessLag)})`, fmt(r.scores.stillness)]),
  );
  const skipped = set.clips.filter((c) => !c.real).map((c) => c.name);
  const frames = set.clips.reduce((n, c) => n + c.track.opening.length, 0);
  const seconds = set.clips.reduce((n, c) => n + c.track.seconds, 0);
  const lags = results.filter((r) => r.kind === "delayed").map((r) => fmtLag(r.scores.learnedLag)).join(", ");
  return [
    `Clips with speech in their own audio: ${real.length} (${real.map((r) => r.clip).join(", ")}).` +
      (skipped.length ? ` Skipped (no speech in own audio): ${skipped.join(", ")}.` : ""),
    "",
    `Speech files used as mismatched audio: ${set.speech.length}. AUC = chance that a real pair scores as more in sync than a mismatched one.`,
    "",
    `Landmark tracking ran at ${fmt(frames / seconds, 1)} frames/s (${frames} frames, 2 cores, wasm backend).`,
    "",
    summary,
    "",
    `Best lag of sync_learned with the own audio delayed by ${DELAY_FRAMES} frames (expect -${DELAY_FRAMES}): ${lags}.`,
    `Pooled over the real clips (mean r(lag) curve, peak interpolated): own audio ${fmt(ownLag.lag)} frames ` +
      `(90% interval ${fmt(ownLag.low)} to ${fmt(ownLag.high)}); own audio delayed ${DELAY_FRAMES} frames ${fmt(delayedLag.lag)} ` +
      `(${fmt(delayedLag.low)} to ${fmt(delayedLag.high)}).`,
    "",
    "<details><summary>Every pair</summary>",
    "",
    pairs,
    "",
    "</details>",
  ].join("\n");
}
