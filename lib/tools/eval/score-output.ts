import path from "node:path";
import { decodeAudio } from "./decode-audio";
import { engineTarget } from "./engine-target";
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
  /**
   * Pearson r between the engine's own opening target for this audio and the input's lip opening:
   * the leak an output that followed its target exactly would still show, by chance.
   */
  targetLeak: number;
  /** Partial r of the output's and the input's opening with the target held fixed: the original motion showing through beyond chance. */
  excessLeak: number;
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
  const target = (await engineTarget(a.audio, inputTrack.fps, inputTrack.opening.length)).open;
  progress.done();
  const inputLeak = pearson(outTrack.opening, inputTrack.opening);
  const targetLeak = pearson(target, inputTrack.opening);
  return {
    sync: scoreSync(pairSeries(outTrack, samples), model),
    floor: scoreSync(pairSeries(inputTrack, samples), model),
    fidelity,
    inputLeak,
    targetLeak,
    excessLeak: partialCorrelation(inputLeak, pearson(outTrack.opening, target), targetLeak),
    faceFrames: outTrack.opening.filter(Number.isFinite).length,
    outputTrack: outTrack,
    seconds: (Date.now() - started) / 1000,
  };
}

/** r(a, b) with c held fixed, from r(a, b), r(a, c) and r(b, c). */
function partialCorrelation(ab: number, ac: number, bc: number): number {
  return (ab - ac * bc) / Math.sqrt((1 - ac * ac) * (1 - bc * bc));
}
