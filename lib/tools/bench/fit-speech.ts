import { existsSync, renameSync } from "node:fs";
import path from "node:path";
import { probeDuration } from "./duration";
import { execText } from "./exec";
import { mediaTools } from "./tools";

/** The speech file itself when it lasts at least `seconds`, else a copy looped to that length. */
export async function fitSpeech(speech: string, seconds: number, dir: string): Promise<string> {
  if ((await probeDuration(speech)) >= seconds) return speech;
  const out = path.join(dir, `${path.parse(speech).name}-${seconds}s.wav`);
  if (existsSync(out)) return out;
  const partial = `${out}.partial.wav`;
  await execText(mediaTools().ffmpeg, [
    "-y", "-v", "error", "-stream_loop", "-1", "-i", speech, "-t", String(seconds), partial,
  ]);
  renameSync(partial, out);
  return out;
}
