import { ffprobePath } from "@/lib/lipsync/media/binaries";
import { runCapture } from "./run-process";

export interface VideoInfo {
  /** Displayed size (after rotation metadata). */
  width: number;
  height: number;
  fps: number;
  duration: number;
  hasAudio: boolean;
}

interface ProbeStream {
  codec_type?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

function parseRate(rate: string | undefined): number {
  if (!rate) return NaN;
  const [n, d] = rate.split("/").map(Number);
  return d ? n / d : n;
}

export async function probeVideo(file: string): Promise<VideoInfo> {
  const out = await runCapture(ffprobePath(), [
    "-v", "error", "-show_streams", "-show_format", "-of", "json", file,
  ]);
  const json = JSON.parse(out.toString()) as { streams: ProbeStream[]; format?: { duration?: string } };
  const video = json.streams.find((s) => s.codec_type === "video");
  if (!video?.width || !video.height) throw new Error(`no video stream in ${file}`);
  const rotation = Number(video.tags?.rotate ?? video.side_data_list?.find((s) => s.rotation != null)?.rotation ?? 0);
  const swap = Math.abs(rotation) % 180 === 90;
  let fps = parseRate(video.avg_frame_rate);
  if (!(fps > 0 && fps < 241)) fps = parseRate(video.r_frame_rate);
  return {
    width: swap ? video.height : video.width,
    height: swap ? video.width : video.height,
    fps,
    duration: Number(video.duration ?? json.format?.duration ?? NaN),
    hasAudio: json.streams.some((s) => s.codec_type === "audio"),
  };
}
