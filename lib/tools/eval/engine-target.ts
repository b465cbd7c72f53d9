import { buildMouthTrack } from "@/lib/lipsync/audio/mouth-track";
import { decodeAudio } from "@/lib/lipsync/media/decode-audio";

/** The engine's mouth opening target for an audio file (the lead included), before any video is drawn, and the frames it counts as speech. */
export async function engineTarget(audioFile: string, fps: number, frames: number): Promise<{ open: number[]; voiced: boolean[] }> {
  const track = await buildMouthTrack(await decodeAudio(audioFile, 600), fps, frames);
  return { open: Array.from(track.open), voiced: Array.from(track.voiced, (v) => v === 1) };
}
