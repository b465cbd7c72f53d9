import { quantile } from "./stats";

export interface VoiceActivity {
  /** Per video frame: true while someone speaks. */
  speech: boolean[];
  /** False when the track is silent or has no loud/quiet contrast to tell speech by. */
  hasSpeech: boolean;
}

/**
 * Energy voice activity over per-frame loudness in dBFS: a frame is speech above
 * p10 + max(6 dB, 40% of the p10..p95 range); speech is extended by 2 frames each side
 * (consonants, onsets) and silent runs shorter than 4 frames count as speech.
 */
export function voiceActivity(db: number[]): VoiceActivity {
  const floor = quantile(db, 0.1);
  const peak = quantile(db, 0.95);
  const hasSpeech = peak > -40 && peak - floor > 6;
  const thr = floor + Math.max(6, 0.4 * (peak - floor));
  const raw = db.map((v) => Number.isFinite(v) && v > thr);
  const speech = raw.map((_, i) => raw.slice(Math.max(0, i - 2), i + 3).some(Boolean));
  for (let i = 0; i < speech.length; ) {
    if (speech[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < speech.length && !speech[j]) j++;
    if (j - i < 4 && i > 0 && j < speech.length) for (let k = i; k < j; k++) speech[k] = true;
    i = j;
  }
  return { speech: hasSpeech ? speech : speech.map(() => false), hasSpeech };
}
