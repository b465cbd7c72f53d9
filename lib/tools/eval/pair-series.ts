import { contextFeatures, frameRms, toDb } from "./audio-features";
import type { MouthTrack } from "./track-mouth";
import { voiceActivity } from "./vad";
import type { PairSeries } from "./sync-measures";

/** Lines up a video's mouth track with an audio track (16 kHz mono), frame by frame. */
export function pairSeries(track: Pick<MouthTrack, "fps" | "opening">, samples: Float32Array): PairSeries {
  const frames = track.opening.length;
  const rms = frameRms(samples, track.fps, frames);
  const vad = voiceActivity(rms.map(toDb));
  return {
    fps: track.fps,
    opening: track.opening,
    rms,
    speech: vad.speech,
    hasSpeech: vad.hasSpeech,
    features: contextFeatures(samples, track.fps, frames),
  };
}
