import { predictOpening, type LearnedModel } from "./learned-model";
import { bestLag, mean, movingAverage, pearson } from "./stats";

export const MAX_LAG = 10;

/** Mouth track and audio measures of one (video, audio) pair, per video frame. */
export interface PairSeries {
  fps: number;
  /** Inner-lip opening; NaN where no face. */
  opening: number[];
  /** RMS under each frame; NaN past the audio's end. */
  rms: number[];
  speech: boolean[];
  hasSpeech: boolean;
  features: number[][];
}

export interface SyncScores {
  learnedR: number;
  learnedBestR: number;
  learnedLag: number;
  loudnessR: number;
  loudnessBestR: number;
  loudnessLag: number;
  stillness: number;
}

/** Mean |frame-to-frame change| of the opening in silence over the same in speech; NaN with too few of either. */
export function stillnessRatio(opening: number[], speech: boolean[], audioFrames: number): number {
  const silent: number[] = [], spoken: number[] = [];
  for (let i = 1; i < Math.min(opening.length, audioFrames); i++) {
    const d = Math.abs(opening[i] - opening[i - 1]);
    if (!Number.isFinite(d) || speech[i] !== speech[i - 1]) continue;
    (speech[i] ? spoken : silent).push(d);
  }
  return silent.length >= 5 && spoken.length >= 5 ? mean(silent) / mean(spoken) : NaN;
}

/** Loudness under each frame (3-frame moving average); NaN past the audio's end. */
export function loudnessSeries(s: PairSeries): number[] {
  return movingAverage(s.rms, 3).map((v, i) => (Number.isFinite(s.rms[i]) ? v : NaN));
}

/** The lip opening the learned model expects from the audio around each frame; NaN past the audio's end. */
export function learnedSeries(s: PairSeries, model: LearnedModel): number[] {
  return predictOpening(model, s.features).map((v, i) => (Number.isFinite(s.rms[i]) ? v : NaN));
}

export function scoreSync(s: PairSeries, model: LearnedModel | null): SyncScores {
  const loud = loudnessSeries(s);
  const loudBest = bestLag(s.opening, loud, MAX_LAG);
  const audioFrames = s.rms.filter(Number.isFinite).length;
  let learned = { r: NaN, best: { lag: NaN, r: NaN } };
  if (model) {
    const predicted = learnedSeries(s, model);
    learned = { r: pearson(s.opening, predicted), best: bestLag(s.opening, predicted, MAX_LAG) };
  }
  return {
    learnedR: learned.r,
    learnedBestR: learned.best.r,
    learnedLag: learned.best.lag,
    loudnessR: pearson(s.opening, loud),
    loudnessBestR: loudBest.r,
    loudnessLag: loudBest.lag,
    stillness: s.hasSpeech ? stillnessRatio(s.opening, s.speech, audioFrames) : NaN,
  };
}
