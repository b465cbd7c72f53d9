import { audioOffsetMs } from "./audio-offset";
import { AUDIO_RATE, decodeAudio } from "./decode-audio";
import type { LearnedModel } from "./learned-model";
import { fmt } from "./markdown";
import { pairSeries } from "./pair-series";
import { delayAudio, pooledLag, type LagPair, type PooledLag } from "./pooled-lag";
import { learnedSeries, loudnessSeries, MAX_LAG } from "./sync-measures";
import type { MouthTrack } from "./track-mouth";

export interface TimedOutput {
  /** The output file, whose own sound track is checked against the speech. */
  output: string;
  track: MouthTrack;
  /** The speech the engine was given (16 kHz mono). */
  samples: Float32Array;
  model: LearnedModel | null;
}

/** The known delay the check adds to the audio; the measured lag must move by minus this. */
export const CHECK_DELAY_FRAMES = 3;

function lagPairs(outputs: TimedOutput[], delayFrames: number, which: "learned" | "loudness"): LagPair[] {
  return outputs.flatMap((o) => {
    const series = pairSeries(o.track, delayAudio(o.samples, delayFrames / o.track.fps, AUDIO_RATE));
    if (which === "learned") return o.model ? [{ mouth: series.opening, audio: learnedSeries(series, o.model) }] : [];
    return [{ mouth: series.opening, audio: loudnessSeries(series) }];
  });
}

function describe(p: PooledLag): string {
  return `${p.lag >= 0 ? "+" : ""}${fmt(p.lag)} frames (90% interval ${fmt(p.low)} to ${fmt(p.high)}, peak r ${fmt(p.r)}, ${p.pairs} pairs)`;
}

export interface TimingFigures {
  learned: PooledLag;
  learnedDelayed: PooledLag;
  loudness: PooledLag;
  loudnessDelayed: PooledLag;
  /** Output sound track against the given speech, ms (positive: the file plays it later). */
  offsets: number[];
}

/** Pooled lag of many outputs, the same with the audio delayed by a known amount, and the files' own A/V offset. */
export async function measureTiming(outputs: TimedOutput[]): Promise<TimingFigures> {
  const offsets: number[] = [];
  for (const o of outputs) offsets.push(audioOffsetMs(o.samples, await decodeAudio(o.output)).ms);
  return {
    learned: pooledLag(lagPairs(outputs, 0, "learned"), MAX_LAG),
    learnedDelayed: pooledLag(lagPairs(outputs, CHECK_DELAY_FRAMES, "learned"), MAX_LAG),
    loudness: pooledLag(lagPairs(outputs, 0, "loudness"), MAX_LAG),
    loudnessDelayed: pooledLag(lagPairs(outputs, CHECK_DELAY_FRAMES, "loudness"), MAX_LAG),
    offsets,
  };
}

export function timingReport(t: TimingFigures): string {
  const lo = Math.min(...t.offsets), hi = Math.max(...t.offsets);
  return [
    "Timing, pooled over every output (mean r(lag) curve over the pairs, peak interpolated between frames; " +
      "positive: the mouth moves after the sound):",
    "",
    `- sync_learned: ${describe(t.learned)}.`,
    `  Check, the same outputs with the audio delayed ${CHECK_DELAY_FRAMES} frames (expect ${fmt(t.learned.lag - CHECK_DELAY_FRAMES)}): ${describe(t.learnedDelayed)}.`,
    `- sync_loudness: ${describe(t.loudness)}.`,
    `  Check, audio delayed ${CHECK_DELAY_FRAMES} frames (expect ${fmt(t.loudness.lag - CHECK_DELAY_FRAMES)}): ${describe(t.loudnessDelayed)}.`,
    `- The output files' sound track against the speech given: ${lo === hi ? `${lo}` : `${lo} to ${hi}`} ms (positive: later).`,
  ].join("\n");
}
