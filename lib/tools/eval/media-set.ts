import { readdirSync } from "node:fs";
import path from "node:path";
import { decodeAudio } from "./decode-audio";
import type { TrainingClip } from "./learned-model";
import { pairSeries } from "./pair-series";
import { sharedMediaDir } from "./paths";
import { probeVideo } from "./probe-video";
import { createProgress } from "./progress";
import type { PairSeries } from "./sync-measures";
import { trackMouth, type MouthTrack } from "./track-mouth";

export interface MediaClip {
  name: string;
  file: string;
  track: MouthTrack;
  /** The clip measured against its own audio; null when it has no audio track. */
  own: PairSeries | null;
  /** Own audio holds speech: the clip can train and calibrate the learned measure. */
  real: boolean;
}

export interface SpeechFile {
  name: string;
  file: string;
  samples: Float32Array;
}

export interface MediaSet {
  dir: string;
  clips: MediaClip[];
  speech: SpeechFile[];
}

export function listMedia(dir: string, sub: "video" | "audio"): string[] {
  const ext = sub === "video" ? /\.(mp4|mov|mkv|webm|m4v)$/i : /\.(wav|mp3|m4a|aac|flac|ogg|opus)$/i;
  return readdirSync(path.join(dir, sub))
    .filter((f) => ext.test(f))
    .sort()
    .map((f) => path.join(dir, sub, f));
}

/** The shared third-party clips and speech files, tracked (cached) and decoded; null when absent. */
export async function loadMediaSet(): Promise<MediaSet | null> {
  const dir = sharedMediaDir();
  if (!dir) return null;
  const progress = createProgress();
  const clips: MediaClip[] = [];
  for (const file of listMedia(dir, "video")) {
    const name = path.basename(file);
    const track = await trackMouth(file, (done, total) => progress.update(`[eval] landmarks ${name} ${done}/${total}`));
    const own = (await probeVideo(file)).hasAudio ? pairSeries(track, await decodeAudio(file)) : null;
    clips.push({ name, file, track, own, real: Boolean(own?.hasSpeech) });
    progress.done(`[eval] ${name}: ${track.opening.length} frames, face in ${track.opening.filter(Number.isFinite).length}` +
      `, ${track.seconds.toFixed(1)} s to track${own?.hasSpeech ? "" : " (own audio has no speech: not a reference clip)"}`);
  }
  const speech: SpeechFile[] = [];
  for (const file of listMedia(dir, "audio")) speech.push({ name: path.basename(file), file, samples: await decodeAudio(file) });
  return { dir, clips, speech };
}

export function trainingClips(set: MediaSet, except?: string): TrainingClip[] {
  return set.clips
    .filter((c) => c.real && c.own && c.name !== except)
    .map((c) => ({ name: c.name, features: c.own!.features, opening: c.own!.opening }));
}
