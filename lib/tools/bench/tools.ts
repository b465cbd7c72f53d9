import ffmpegInstaller from "@ffmpeg-installer/ffmpeg";
import ffprobeInstaller from "@ffprobe-installer/ffprobe";

/** The ffmpeg and ffprobe binaries: FFMPEG_PATH / FFPROBE_PATH, else the ones shipped in node_modules. */
export function mediaTools(): { ffmpeg: string; ffprobe: string } {
  return {
    ffmpeg: process.env.FFMPEG_PATH || ffmpegInstaller.path,
    ffprobe: process.env.FFPROBE_PATH || ffprobeInstaller.path,
  };
}
