import { z } from "zod";
import { execText } from "./exec";
import { mediaTools } from "./tools";

const probeSchema = z.object({
  streams: z
    .array(z.object({ width: z.number(), height: z.number(), nb_frames: z.string(), r_frame_rate: z.string() }))
    .length(1),
  format: z.object({ duration: z.string() }),
});

export interface VideoInfo {
  width: number;
  height: number;
  frames: number;
  fps: number;
  /** Container duration in seconds. */
  duration: number;
}

/** Reads the first video stream's size, frame count and rate, and the file's duration. */
export async function probeVideo(file: string): Promise<VideoInfo> {
  const json = await execText(mediaTools().ffprobe, [
    "-v", "error",
    "-select_streams", "v:0",
    "-show_entries", "stream=width,height,nb_frames,r_frame_rate:format=duration",
    "-of", "json",
    file,
  ]);
  const { streams, format } = probeSchema.parse(JSON.parse(json));
  const [stream] = streams;
  const [num, den] = stream.r_frame_rate.split("/").map(Number);
  return {
    width: stream.width,
    height: stream.height,
    frames: Number(stream.nb_frames),
    fps: num / den,
    duration: Number(format.duration),
  };
}
