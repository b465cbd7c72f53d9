import { MODEL_VISEMES_N } from "@met4citizen/headaudio/modules/parameters.mjs";
import { classifyVisemes, VISEMES } from "./classify-visemes";
import { frameLoudness, percentile } from "./loudness";
import { smoothZeroPhase } from "../math/smooth";
import { detectVoiceActivity } from "./voice-activity";
import { vowelOpenness } from "./vowel-openness";

/** Mouth targets per video frame, all in [0, 1] except width in [-1, 1]. */
export interface MouthTrack {
  /** Jaw and lip opening: 0 closed, 1 a wide "aa". */
  open: Float32Array;
  /** Lip spread (+1, "ee") versus rounding (-1, "oo"). */
  width: Float32Array;
  voiced: Uint8Array;
}

/** Lip spread (+) or rounding (-) each viseme asks for. */
const VISEME_WIDTH: Record<(typeof VISEMES)[number], number> = {
  aa: 0.1, E: 0.5, I: 0.7, O: -0.7, U: -1, PP: 0, SS: 0.5, TH: 0.2, DD: 0.1, FF: 0.1, kk: 0, nn: 0.1, RR: -0.4, CH: -0.3, sil: 0,
};
const WIDTHS = VISEMES.map((v) => VISEME_WIDTH[v]);
const PP = VISEMES.indexOf("PP");
const SIL = VISEMES.indexOf("sil");

/**
 * Turns speech samples into smooth per-frame mouth targets, still and closed in silence.
 * The opening follows vowel height (first formant) rather than loudness: on real talking
 * footage F1 correlated with the measured lip opening about four times better than loudness
 * did (docs/quality.md). Loudness only closes the mouth on the quietest consonants.
 */
export async function buildMouthTrack(samples: Float32Array, fps: number, frameCount: number): Promise<MouthTrack> {
  const levels = frameLoudness(samples, fps, frameCount);
  const { voiced, threshold, speechLevel } = detectVoiceActivity(levels, fps);
  const { probabilities } = await classifyVisemes(samples, fps, frameCount);
  const vowels = vowelOpenness(samples, fps, frameCount);

  const rawOpen = new Float32Array(frameCount);
  const rawWidth = new Float32Array(frameCount);
  const closure = new Float32Array(frameCount);
  // Loudness counts from 22 dB under the speech level: syllable peaks near 1, consonants low.
  const floor = Math.max(threshold, speechLevel - 22);
  const range = Math.max(speechLevel - floor, 6);
  for (let f = 0; f < frameCount; f++) {
    if (!voiced[f]) continue;
    const row = probabilities.subarray(f * MODEL_VISEMES_N, (f + 1) * MODEL_VISEMES_N);
    const speech = 1 - row[SIL];
    let width = 0;
    for (let v = 0; v < MODEL_VISEMES_N; v++) width += row[v] * WIDTHS[v];
    const loudness = Math.min(1, Math.max(0, (levels[f] - floor) / range));
    rawOpen[f] = vowels[f] * Math.min(1, loudness / 0.15);
    rawWidth[f] = speech > 0 ? width / speech : 0;
    closure[f] = row[PP] / Math.max(speech, 1e-3);
  }

  normaliseVoiced(rawOpen, voiced, 1);
  const open = smoothZeroPhase(rawOpen, 0.08 * fps);
  const width = smoothZeroPhase(rawWidth, 0.08 * fps);
  const lipsPressed = smoothZeroPhase(closure, 0.02 * fps);
  for (let f = 0; f < frameCount; f++) {
    open[f] *= 1 - Math.min(1, lipsPressed[f]);
    // Below a few percent of full opening the lips rest together and do not twitch.
    if (open[f] < 0.04) open[f] = 0;
    open[f] = Math.min(1, open[f]);
    width[f] = Math.max(-1, Math.min(1, width[f])) * Math.min(1, open[f] * 4);
  }
  return { open: leadSound(open, MOUTH_LEAD_SECONDS * fps), width: leadSound(width, MOUTH_LEAD_SECONDS * fps), voiced };
}

/**
 * How far the mouth moves ahead of the sound it makes. Lips and jaw reach a shape slightly
 * before the sound comes out; with the targets centred on the sound, outputs measured one to
 * two frames late against real footage's timing, and with 60 ms a quarter of a frame late once
 * the original mouth no longer showed through; 90 ms measured a lead of 0.97 frame over 30 pairs,
 * with a 90% interval reaching 1.33 frames: 75 ms centres it on half a frame (docs/quality.md,
 * "Timing", "Library lip shape" and "Lead and jaw").
 */
export const MOUTH_LEAD_SECONDS = 0.075;

/** The track moved `frames` earlier (fractional, linear interpolation); the end holds its last value. */
function leadSound(track: Float32Array, frames: number): Float32Array {
  const out = new Float32Array(track.length);
  const last = track.length - 1;
  for (let f = 0; f < track.length; f++) {
    const t = Math.min(last, f + frames);
    const i = Math.floor(t);
    const next = Math.min(last, i + 1);
    out[f] = track[i] + (track[next] - track[i]) * (t - i);
  }
  return out;
}

/** Scales the opening so the clip's loud vowels reach `peak`, whatever the recording level. */
function normaliseVoiced(open: Float32Array, voiced: Uint8Array, peak: number): void {
  const voicedValues = open.filter((_, f) => voiced[f] === 1);
  const reference = percentile(voicedValues, 0.95);
  if (reference <= 0) return;
  for (let f = 0; f < open.length; f++) open[f] = Math.min(1, (open[f] * peak) / reference);
}
