import path from "node:path";
import { decodeAudio } from "./decode-audio";
import { measureFidelity, type Fidelity } from "./fidelity";
import type { LearnedModel } from "./learned-model";
import { pairSeries } from "./pair-series";
import { createProgress } from "./progress";
import { pearson } from "./stats";
import { scoreSync, type SyncScores } from "./sync-measures";
import { trackMouth, type MouthTrack } from "./track-mouth";

export interface OutputScore {
  /** The output's mouth against the audio it was given. */
  sync: SyncScores;
  /** The input's own mouth against the same audio: what an output that changed nothing would score. */
  floor: SyncScores;
  fidelity: Fidelity;
  /**
   * Pearson r between the output's and the input's lip opening: how much of the original mouth
   * motion shows through. Near 0 when the engine replaces it; near 1 when it barely changes it.
   */
  inputLeak: number;
  /** Frames of the output with a face found by the eval's landmark model. */
  faceFrames: number;
  /** The output's landmark measures per frame, for measures pooled over many outputs (lag). */
  outputTrack: MouthTrack;
  seconds: number;
}

/** Scores an output video against the input video it was made from and the audio it was asked to speak. */
export async function scoreOutput(
  a: { video: string; audio: string; output: string; inputTrack?: MouthTrack; samples?: Float32Array },
  model: LearnedModel | null,
): Promise<OutputScore> {
  const started = Date.now();
  const progress = createProgress();
  const label = (f: string) => path.basename(f);
  const inputTrack = a.inputTrack ?? (await trackMouth(a.video, (d, t) => progress.update(`[eval] landmarks ${label(a.video)} ${d}/${t}`)));
  const outTrack = await trackMouth(a.output, (d, t) => progress.update(`[eval] landmarks ${label(a.output)} ${d}/${t}`));
  progress.update(`[eval] fidelity ${label(a.output)}`);
  const samples = a.samples ?? (await decodeAudio(a.audio));
  const fidelity = await measureFidelity(a.video, a.output, inputTrack);
  progress.done();
  return {
    sync: scoreSync(pairSeries(outTrack, samples), model),
    floor: scoreSync(pairSeries(inputTrack, samples), model),
    fidelity,
    inputLeak: pearson(outTrack.opening, inputTrack.opening),
    faceFrames: outTrack.opening.filter(Number.isFinite).length,
    outputTrack: outTrack,
    seconds: (Date.now() - started) / 1000,
  };
}
