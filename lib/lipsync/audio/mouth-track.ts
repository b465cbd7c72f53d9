import { MODEL_VISEMES_N } from "@met4citizen/headaudio/modules/parameters.mjs";
import { classifyVisemes, VISEMES } from "./classify-visemes";
import { frameLoudness, percentile } from "./loudness";
import { smoothZeroPhase } from "../math/smooth";
import { detectVoiceActivity } from "./voice-activity";

/** Mouth targets per video frame, all in [0, 1] except width in [-1, 1]. */
export interface MouthTrack {
  /** Jaw and lip opening: 0 closed, 1 a wide "aa". */
  open: Float32Array;
  /** Lip spread (+1, "ee") versus rounding (-1, "oo"). */
  width: Float32Array;
  voiced: Uint8Array;
}

/** Opening and spread each viseme asks of the lips. */
const VISEME_SHAPES: Record<(typeof VISEMES)[number], { open: number; width: number }> = {
  aa: { open: 1, width: 0.1 },
  E: { open: 0.65, width: 0.5 },
  I: { open: 0.4, width: 0.7 },
  O: { open: 0.75, width: -0.7 },
  U: { open: 0.4, width: -1 },
  PP: { open: 0, width: 0 },
  SS: { open: 0.2, width: 0.5 },
  TH: { open: 0.3, width: 0.2 },
  DD: { open: 0.4, width: 0.1 },
  FF: { open: 0.12, width: 0.1 },
  kk: { open: 0.45, width: 0 },
  nn: { open: 0.3, width: 0.1 },
  RR: { open: 0.35, width: -0.4 },
  CH: { open: 0.35, width: -0.3 },
  sil: { open: 0, width: 0 },
};
const SHAPES = VISEMES.map((v) => VISEME_SHAPES[v]);
const PP = VISEMES.indexOf("PP");
const SIL = VISEMES.indexOf("sil");

/** Turns speech samples into smooth per-frame mouth targets: still and closed in silence. */
export async function buildMouthTrack(samples: Float32Array, fps: number, frameCount: number): Promise<MouthTrack> {
  const levels = frameLoudness(samples, fps, frameCount);
  const { voiced, threshold, speechLevel } = detectVoiceActivity(levels, fps);
  const { probabilities } = await classifyVisemes(samples, fps, frameCount);

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
    let open = 0;
    let width = 0;
    for (let v = 0; v < MODEL_VISEMES_N; v++) {
      open += row[v] * SHAPES[v].open;
      width += row[v] * SHAPES[v].width;
    }
    const loudness = Math.min(1, Math.max(0, (levels[f] - floor) / range));
    // Loudness carries the syllable rhythm; the viseme mix carries vowel height.
    rawOpen[f] = Math.pow(loudness, 0.8) * (0.35 + 0.65 * (speech > 0 ? open / speech : 0));
    rawWidth[f] = speech > 0 ? width / speech : 0;
    closure[f] = row[PP] / Math.max(speech, 1e-3);
  }

  normaliseVoiced(rawOpen, voiced, 0.9);
  const open = smoothZeroPhase(rawOpen, 0.055 * fps);
  const width = smoothZeroPhase(rawWidth, 0.08 * fps);
  const lipsPressed = smoothZeroPhase(closure, 0.02 * fps);
  for (let f = 0; f < frameCount; f++) {
    open[f] *= 1 - Math.min(1, lipsPressed[f]);
    // Below a few percent of full opening the lips rest together and do not twitch.
    if (open[f] < 0.04) open[f] = 0;
    open[f] = Math.min(1, open[f]);
    width[f] = Math.max(-1, Math.min(1, width[f])) * Math.min(1, open[f] * 4);
  }
  return { open, width, voiced };
}

/** Scales the opening so the clip's loud vowels reach `peak`, whatever the recording level. */
function normaliseVoiced(open: Float32Array, voiced: Uint8Array, peak: number): void {
  const voicedValues = open.filter((_, f) => voiced[f] === 1);
  const reference = percentile(voicedValues, 0.95);
  if (reference <= 0) return;
  for (let f = 0; f < open.length; f++) open[f] = Math.min(1, (open[f] * peak) / reference);
}
