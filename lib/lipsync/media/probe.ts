import { z } from "zod";
import { LipsyncError } from "../errors";
import { ffprobePath } from "./binaries";
import { runProcess } from "./run-process";

const streamSchema = z.object({
  index: z.number(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  pix_fmt: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  r_frame_rate: z.string().optional(),
  nb_frames: z.string().optional(),
  duration: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  side_data_list: z.array(z.record(z.string(), z.unknown())).optional(),
  disposition: z.record(z.string(), z.number()).optional(),
});

const probeSchema = z.object({
  streams: z.array(streamSchema).default([]),
  format: z
    .object({ format_name: z.string().optional(), duration: z.string().optional() })
    .default({}),
});

export interface VideoStreamInfo {
  /** Size as displayed, after rotation metadata is applied. */
  width: number;
  height: number;
  rotation: number;
  fps: number;
  /** Frame count from the container, or estimated from duration and fps. */
  estimatedFrames: number;
  duration: number;
  codec: string;
  pixelFormat: string;
}

export interface MediaInfo {
  formatName: string;
  duration: number;
  video?: VideoStreamInfo;
  hasAudio: boolean;
  audioDuration?: number;
}

const STILL_IMAGE_CODECS = new Set(["png", "mjpeg", "bmp", "gif", "webp", "tiff", "jpegls", "pam", "ppm"]);

/** Reads streams and duration with ffprobe; unreadable input becomes UNREADABLE_FILE. */
export async function probeMedia(file: string, role: "video" | "audio", signal?: AbortSignal): Promise<MediaInfo> {
  let stdout: Buffer;
  try {
    ({ stdout } = await runProcess(
      ffprobePath(),
      ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", file],
      signal,
    ));
  } catch (error) {
    if (error instanceof LipsyncError) throw error;
    throw new LipsyncError(
      "UNREADABLE_FILE",
      `The ${role} file could not be read as media: it is corrupt, truncated or not a media file. Re-export it as MP4 (video) or WAV/MP3 (audio) and try again.`,
      { role },
    );
  }
  const parsed = probeSchema.parse(JSON.parse(stdout.toString() || "{}"));
  const formatName = parsed.format.format_name ?? "unknown";
  const formatDuration = Number(parsed.format.duration ?? NaN);
  const videoStream = parsed.streams.find(
    (s) => s.codec_type === "video" && !s.disposition?.attached_pic && !STILL_IMAGE_CODECS.has(s.codec_name ?? ""),
  );
  const audioStream = parsed.streams.find((s) => s.codec_type === "audio");
  const stillImage = parsed.streams.find((s) => s.codec_type === "video" && STILL_IMAGE_CODECS.has(s.codec_name ?? ""));

  if (role === "video" && !videoStream) {
    if (stillImage && !audioStream) {
      throw new LipsyncError(
        "UNSUPPORTED_FORMAT",
        `The video file is a still image (${stillImage.codec_name}); send a video (MP4, MOV, WebM or MKV).`,
        { role, codec: stillImage.codec_name },
      );
    }
    throw new LipsyncError(
      "NO_VIDEO_STREAM",
      "The video file has no video stream (is it an audio file?). Send a video that shows a face.",
      { role, formatName },
    );
  }
  if (role === "audio" && !audioStream) {
    throw new LipsyncError(
      "NO_AUDIO_STREAM",
      "The audio file has no audio stream. Send speech as MP3, WAV, M4A, OGG, FLAC, or a video with a sound track.",
      { role, formatName },
    );
  }

  const audioDuration = audioStream ? positive(Number(audioStream.duration)) ?? positive(formatDuration) : undefined;
  return {
    formatName,
    duration: positive(formatDuration) ?? 0,
    hasAudio: Boolean(audioStream),
    audioDuration,
    video: videoStream ? describeVideo(videoStream, formatDuration) : undefined,
  };
}

function describeVideo(stream: z.infer<typeof streamSchema>, formatDuration: number): VideoStreamInfo {
  const rotation = readRotation(stream);
  const codedWidth = stream.width ?? 0;
  const codedHeight = stream.height ?? 0;
  const sideways = Math.abs(rotation) % 180 === 90;
  const fps = parseRate(stream.avg_frame_rate) ?? parseRate(stream.r_frame_rate) ?? 25;
  const duration = positive(Number(stream.duration)) ?? positive(formatDuration) ?? 0;
  const nbFrames = Number(stream.nb_frames);
  return {
    width: sideways ? codedHeight : codedWidth,
    height: sideways ? codedWidth : codedHeight,
    rotation,
    fps,
    estimatedFrames: Number.isFinite(nbFrames) && nbFrames > 0 ? nbFrames : Math.max(1, Math.round(duration * fps)),
    duration,
    codec: stream.codec_name ?? "unknown",
    pixelFormat: stream.pix_fmt ?? "unknown",
  };
}

function readRotation(stream: z.infer<typeof streamSchema>): number {
  const tag = Number(stream.tags?.rotate);
  if (Number.isFinite(tag)) return tag;
  const matrix = stream.side_data_list?.find((d) => typeof d.rotation === "number");
  return matrix ? Number(matrix.rotation) : 0;
}

function parseRate(rate: string | undefined): number | undefined {
  if (!rate) return undefined;
  const [num, den] = rate.split("/").map(Number);
  const value = den ? num / den : num;
  return Number.isFinite(value) && value > 0 && value < 1000 ? value : undefined;
}

function positive(value: number): number | undefined {
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
