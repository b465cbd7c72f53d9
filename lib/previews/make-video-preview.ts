import { assertVideoSize, DEFAULT_MAX_DIMENSION } from "@/lib/lipsync/media/assert-video-size";
import { ffmpegPath } from "@/lib/lipsync/media/binaries";
import { probeMedia } from "@/lib/lipsync/media/probe";
import { runProcess } from "@/lib/lipsync/media/run-process";
import { findFaceCentre } from "./find-face-centre";
import { posterCrop } from "./poster-crop";
import { previewSize } from "./preview-size";

/** Width of the poster JPEG (16:9). */
const POSTER_WIDTH = 640;

/**
 * Writes a small copy of `input` that every browser plays (H.264 yuv420p at most 480p, AAC,
 * faststart; fast to make) and a 16:9 poster JPEG centred on the face (the engine's detector).
 * Returns whether the poster found a face. Throws the engine's errors for unreadable input, and
 * for a video no task could use (over `maxDurationSeconds` or the engine's picture size limits):
 * decoding such a file (a header claiming 16384x16384) could take the whole time limit.
 */
export async function makeVideoPreview(
  input: string,
  output: { video: string; poster: string },
  options: { maxDurationSeconds: number; signal?: AbortSignal },
): Promise<{ faceFound: boolean }> {
  const { signal } = options;
  const info = await probeMedia(input, "video", signal);
  const video = info.video!;
  assertVideoSize(video.width, video.height, DEFAULT_MAX_DIMENSION);
  if (video.duration > options.maxDurationSeconds + 0.05) {
    throw new Error(`the video is ${video.duration.toFixed(1)} s long, over the ${options.maxDurationSeconds} s a task may use`);
  }
  const size = previewSize(video.width, video.height);
  await runProcess(
    ffmpegPath(),
    [
      "-v", "error", "-nostdin", "-y", "-i", input,
      "-map", "0:v:0", "-map", "0:a:0?",
      // Square pixels: players then show exactly size.width x size.height.
      "-vf", `scale=${size.width}:${size.height},setsar=1,format=yuv420p`,
      "-c:v", "libx264", "-preset", "veryfast", "-crf", "27", "-profile:v", "main",
      "-c:a", "aac", "-b:a", "96k", "-ac", "2",
      "-movflags", "+faststart", "-f", "mp4", output.video,
    ],
    signal,
  );

  const atSeconds = Math.min(1, video.duration / 4);
  const face = await findFaceCentre(input, { width: video.width, height: video.height, atSeconds }, signal);
  const crop = posterCrop(video.width, video.height, face);
  const posterWidth = Math.min(POSTER_WIDTH, Math.round(crop.width / 2) * 2);
  await runProcess(
    ffmpegPath(),
    [
      "-v", "error", "-nostdin", "-y", "-ss", atSeconds.toFixed(3), "-i", input,
      "-frames:v", "1",
      "-vf", `crop=${crop.width}:${crop.height}:${crop.x}:${crop.y},scale=${posterWidth}:-2,setsar=1`,
      "-q:v", "4", "-f", "image2", output.poster,
    ],
    signal,
  );
  return { faceFound: face !== null };
}
