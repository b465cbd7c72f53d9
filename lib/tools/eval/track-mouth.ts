import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodeFrames, scaledSize } from "./decode-video";
import { createLandmarkDetector, type Point } from "./face-landmarks";
import { jawDrop, lipOpening, lowerFaceBox, type Box } from "./mouth-geometry";
import { evalTmpDir } from "./paths";
import { probeVideo } from "./probe-video";

export interface MouthTrack {
  fps: number;
  /** Full (displayed) size of the video. */
  width: number;
  height: number;
  /** Size the landmarks were measured at. */
  trackWidth: number;
  trackHeight: number;
  /** Per frame; NaN / null where no face was found. */
  opening: number[];
  jaw: number[];
  /** Lower-face box in full-size pixels. */
  boxes: (Box | null)[];
  /** Seconds spent decoding and detecting. */
  seconds: number;
}

const TRACK_MAX_SIDE = 512;
const CACHE_VERSION = 1;

function cacheFile(video: string): string {
  const st = statSync(video);
  const key = JSON.stringify([path.resolve(video), st.size, st.mtimeMs, TRACK_MAX_SIDE, CACHE_VERSION]);
  return path.join(evalTmpDir, "cache", `track-${createHash("sha1").update(key).digest("hex").slice(0, 16)}.json`);
}

/** Landmarks of every frame of a video, reduced to mouth measures; cached under tmp/eval/cache. */
export async function trackMouth(video: string, onFrame?: (done: number, total: number) => void): Promise<MouthTrack> {
  const cached = cacheFile(video);
  try {
    const t = JSON.parse(readFileSync(cached, "utf8")) as MouthTrack;
    // JSON has no NaN: missing frames were stored as null.
    return { ...t, opening: t.opening.map((v) => v ?? NaN), jaw: t.jaw.map((v) => v ?? NaN) };
  } catch {
    // not cached yet
  }
  const started = Date.now();
  const info = await probeVideo(video);
  const size = scaledSize(info.width, info.height, TRACK_MAX_SIDE);
  const k = info.width / size.width;
  const detector = await createLandmarkDetector();
  const total = Math.round(info.duration * info.fps);
  const track: MouthTrack = {
    fps: info.fps, width: info.width, height: info.height,
    trackWidth: size.width, trackHeight: size.height, opening: [], jaw: [], boxes: [], seconds: 0,
  };
  for await (const frame of decodeFrames(video, { ...size, fps: info.fps, pixFmt: "rgb24" })) {
    const p = await detector.detect(frame, size.width, size.height);
    if (p) {
      const full = p.map(([x, y]) => [x * k, y * k] as Point);
      track.opening.push(lipOpening(full));
      track.jaw.push(jawDrop(full));
      track.boxes.push(lowerFaceBox(full, info.width, info.height));
    } else {
      track.opening.push(NaN);
      track.jaw.push(NaN);
      track.boxes.push(null);
    }
    onFrame?.(track.opening.length, total);
  }
  track.seconds = (Date.now() - started) / 1000;
  mkdirSync(path.dirname(cached), { recursive: true });
  writeFileSync(cached, JSON.stringify(track));
  return track;
}
