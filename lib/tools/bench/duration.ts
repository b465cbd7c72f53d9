import { execText } from "./exec";
import { mediaTools } from "./tools";

/** The container duration of a media file, in seconds. */
export async function probeDuration(file: string): Promise<number> {
  const out = await execText(mediaTools().ffprobe, [
    "-v", "error",
    "-show_entries", "format=duration",
    "-of", "default=noprint_wrappers=1:nokey=1",
    file,
  ]);
  const seconds = Number(out.trim());
  if (!Number.isFinite(seconds)) throw new Error(`ffprobe found no duration in ${file}`);
  return seconds;
}
