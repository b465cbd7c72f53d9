import { fitRidge, predictRidge, type RidgeModel } from "./ridge";
import { mean, pearson, std } from "./stats";

/** A real clip with its own audio: context features and the observed lip opening per frame. */
export interface TrainingClip {
  name: string;
  features: number[][];
  opening: number[];
}

export interface LearnedModel {
  ridge: RidgeModel;
  lambda: number;
  trainedOn: string[];
}

const LAMBDAS = [30, 100, 300, 1000, 3000, 10000, 30000];

/** Rows with an observed opening; the target is z-scored per clip, since speakers open differently wide. */
function rows(clips: TrainingClip[]): { X: number[][]; y: number[] } {
  const X: number[][] = [];
  const y: number[] = [];
  for (const c of clips) {
    const m = mean(c.opening), s = std(c.opening) || 1;
    c.opening.forEach((v, i) => {
      if (Number.isFinite(v) && c.features[i]) {
        X.push(c.features[i]);
        y.push((v - m) / s);
      }
    });
  }
  return { X, y };
}

export function predictOpening(model: LearnedModel, features: number[][]): number[] {
  return features.map((row) => predictRidge(model.ridge, row));
}

/**
 * Ridge from audio context to lip opening. The penalty is chosen by leave-one-clip-out inside
 * the training clips (never by the clip that will be scored).
 */
export function trainLearnedModel(clips: TrainingClip[]): LearnedModel {
  if (!clips.length) throw new Error("no training clips");
  let lambda = 1000;
  if (clips.length >= 3) {
    let best = -Infinity;
    for (const l of LAMBDAS) {
      const rs = clips.map((held) => {
        const { X, y } = rows(clips.filter((c) => c !== held));
        const ridge = fitRidge(X, y, l);
        return pearson(held.features.map((f) => predictRidge(ridge, f)), held.opening);
      });
      const score = mean(rs);
      if (score > best) [best, lambda] = [score, l];
    }
  }
  const { X, y } = rows(clips);
  return { ridge: fitRidge(X, y, lambda), lambda, trainedOn: clips.map((c) => c.name) };
}
