import { AUDIO_RATE } from "./decode-audio";
import { engineTarget } from "./engine-target";
import { trainLearnedModel } from "./learned-model";
import { fmt, table } from "./markdown";
import { loadMediaSet, trainingClips } from "./media-set";
import { pairSeries } from "./pair-series";
import { mean, pearson, std } from "./stats";
import { learnedSeries } from "./sync-measures";

/** The analysis rate of a speech file with no video: the eval's outputs are 25-30 fps. */
const SPEECH_FPS = 30;

/** Values of `xs` on the frames where `mask` is `want`. */
function where(xs: number[], mask: boolean[], want: boolean): number[] {
  return xs.filter((_, i) => mask[i] === want);
}

/** Per-clip z-scores (NaN kept), so that openings of different speakers compare. */
function zScores(xs: number[]): number[] {
  const m = mean(xs), s = std(xs) || 1;
  return xs.map((x) => (x - m) / s);
}

/**
 * The engine's audio side alone, against the two references the eval has: per speech file, the
 * learned measure's own expected opening (how far the engine's target can score, and where the
 * measure expects opening: in speech or in the pauses); per real clip, the lips the speaker really
 * moved to that audio.
 */
export async function runSpeechTargets(): Promise<string | null> {
  const set = await loadMediaSet();
  if (!set) return null;
  const model = trainLearnedModel(trainingClips(set));
  const speechRows: string[][] = [];
  for (const speech of set.speech) {
    const frames = Math.floor((speech.samples.length / AUDIO_RATE) * SPEECH_FPS);
    const series = pairSeries({ fps: SPEECH_FPS, opening: new Array<number>(frames).fill(NaN) }, speech.samples);
    const expected = learnedSeries(series, model);
    const { open, voiced } = await engineTarget(speech.file, SPEECH_FPS, frames);
    // The best any mouth that rests closed in the engine's pauses can score: the measure's own series in speech, its lowest value in the pauses.
    const lowest = Math.min(...expected.filter(Number.isFinite));
    const restingCeiling = pearson(expected.map((v, i) => (voiced[i] ? v : lowest)), expected);
    speechRows.push([
      speech.name,
      fmt(mean(voiced.map(Number))),
      fmt(mean(where(expected, voiced, true))),
      fmt(mean(where(expected, voiced, false))),
      fmt(pearson(open, expected)),
      fmt(pearson(where(open, voiced, true), where(expected, voiced, true))),
      fmt(restingCeiling),
    ]);
  }
  const clipRows: string[][] = [];
  for (const clip of set.clips.filter((c) => c.real && c.own)) {
    const lips = zScores(clip.own!.opening);
    const { open, voiced } = await engineTarget(clip.file, clip.track.fps, lips.length);
    clipRows.push([clip.name, fmt(mean(where(lips, voiced, true))), fmt(mean(where(lips, voiced, false))), fmt(pearson(open, lips))]);
  }
  return [
    "The engine's mouth opening target (`buildMouthTrack`, the lead included), computed from the audio alone. " +
      "Speech and pauses are the engine's own: the frames where it moves the mouth and where it rests it closed. The learned measure's model is trained on every real clip.",
    "",
    table(
      ["speech file", "speech share", "measure expects, speech (z)", "measure expects, pauses (z)", "engine target vs measure: r", "r in speech only", "ceiling if closed in pauses"],
      speechRows,
    ),
    "",
    "Real clips with their own audio: the speaker's observed lip opening (z-scored per clip) in speech and in pauses, and the engine's target for that audio against it.",
    "",
    table(["clip", "lips in speech (z)", "lips in pauses (z)", "engine target vs real lips: r"], clipRows),
  ].join("\n");
}
