import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

export interface BenchSources {
  video: string;
  speech: string;
  /** Where they came from, for the report. */
  origin: string;
  /** ../shared/media, when present. */
  sharedDir?: string;
}

const SHARED_VIDEO = "video/retalking_face4.mp4";
const SHARED_SPEECH = "audio/musetalk_sun.wav";

/**
 * The face clip and speech to benchmark with: the shared third-party media beside the repo when
 * present, else the project's own fixtures (tests/fixtures/astronaut*.mp4 and a .wav), else null.
 */
export function findSources(repoRoot: string): BenchSources | null {
  const shared = path.resolve(repoRoot, "../shared/media");
  if (existsSync(path.join(shared, SHARED_VIDEO)) && existsSync(path.join(shared, SHARED_SPEECH))) {
    return {
      video: path.join(shared, SHARED_VIDEO),
      speech: path.join(shared, SHARED_SPEECH),
      origin: `../shared/media (${SHARED_VIDEO}, ${SHARED_SPEECH})`,
      sharedDir: shared,
    };
  }
  const fixtures = path.join(repoRoot, "tests/fixtures");
  const files = existsSync(fixtures) ? readdirSync(fixtures).sort() : [];
  const video = files.find((f) => f.startsWith("astronaut") && f.endsWith(".mp4"));
  const wavs = files.filter((f) => f.endsWith(".wav"));
  const speech = wavs.find((f) => f.includes("speech")) ?? wavs[0];
  if (!video || !speech) return null;
  return {
    video: path.join(fixtures, video),
    speech: path.join(fixtures, speech),
    origin: `tests/fixtures (${video}, ${speech})`,
  };
}
