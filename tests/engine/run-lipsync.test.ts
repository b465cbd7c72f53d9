import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLipsync, type LipsyncProgress, type LipsyncResult } from "@/lib/lipsync";
import {
  FIXTURE_SPEECH, FIXTURE_VIDEO, decodeLuma, decodeMono, ffmpeg, frameHashes, inBox, meanAbsDiff, probeStreams, psnr, tempDir, type Box,
} from "../helpers/media";
import { innerLipGaps, pearson } from "../helpers/mouth";

// The fixture: 320x320, 25 fps, 150 frames; the mouth sits near (146, 152).
const SIZE = 320;
const FRAMES = 150;
const MOUTH: Box = { x0: 118, y0: 138, x1: 176, y1: 170 };
/** Everything the warp may touch: lips, jaw, chin and the ring around the jaw line. */
const LOWER_FACE: Box = { x0: 78, y0: 118, x1: 218, y1: 215 };

describe("runLipsync on the astronaut fixture with espeak speech", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let result: LipsyncResult;
  let progress: LipsyncProgress[];
  let input: Uint8Array[];
  let output: Uint8Array[];

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    progress = [];
    result = await runLipsync({
      video: FIXTURE_VIDEO,
      audio: FIXTURE_SPEECH,
      output: path.join(dir, "out.mp4"),
      onProgress: (p) => progress.push(p),
    });
    [input, output] = await Promise.all([decodeLuma(FIXTURE_VIDEO, SIZE, SIZE), decodeLuma(result.output, SIZE, SIZE)]);
  });
  afterAll(() => cleanup());

  it("writes a playable H.264/AAC MP4 with the input's size, frame count and duration", async () => {
    const { video, audio } = await probeStreams(result.output);
    expect(video).toMatchObject({ codec: "h264", width: SIZE, height: SIZE, pixelFormat: "yuv420p", frames: FRAMES });
    expect(video!.duration).toBeCloseTo(6, 1);
    expect(audio?.codec).toBe("aac");
    expect(audio!.duration).toBeGreaterThan(5.9);
    expect(audio!.duration).toBeLessThan(6.1);
    expect(result).toMatchObject({ width: SIZE, height: SIZE, frames: FRAMES, fps: 25, facesFound: FRAMES });
    expect(output).toHaveLength(FRAMES);
  });

  it("writes a cover JPEG and no leftover temporary files", async () => {
    expect(existsSync(result.cover)).toBe(true);
    expect((await probeStreams(result.cover)).video).toMatchObject({ codec: "mjpeg", width: SIZE, height: SIZE });
    expect((await readdir(dir)).sort()).toEqual(["out.jpg", "out.mp4"]);
  });

  it("carries the new speech as the sound track", async () => {
    const [speech, track] = await Promise.all([decodeMono(FIXTURE_SPEECH), decodeMono(result.output)]);
    // Compare loudness envelopes in 50 ms windows: the output's audio is the speech.
    const envelope = (s: Float32Array) =>
      Array.from({ length: Math.floor(s.length / 800) }, (_, w) => Math.sqrt(s.subarray(w * 800, w * 800 + 800).reduce((a, v) => a + v * v, 0) / 800));
    const a = envelope(speech);
    const b = envelope(track).slice(0, a.length);
    expect(pearson(a.slice(0, b.length), b)).toBeGreaterThan(0.9);
  });

  it("moves the mouth while the speech plays", () => {
    // Frames 5-75 (0.2-3 s) carry the first phrase.
    const changed = input.slice(5, 75).map((frame, i) => meanAbsDiff(frame, output[i + 5], SIZE, MOUTH));
    expect(Math.max(...changed)).toBeGreaterThan(12);
    expect(changed.filter((d) => d > 4).length).toBeGreaterThan(20);
    // And it moves from frame to frame, not once.
    const motion = output.slice(6, 75).map((frame, i) => meanAbsDiff(frame, output[i + 5], SIZE, MOUTH));
    expect(motion.filter((d) => d > 2).length).toBeGreaterThan(10);
  });

  it("keeps the mouth closed and still during the pause in the speech", async () => {
    const speech = await decodeMono(FIXTURE_SPEECH);
    const quietFrames = silentFrames(speech, FRAMES, 25).filter((f) => f > 10);
    expect(quietFrames.length).toBeGreaterThan(10);
    const gaps = await innerLipGaps(result.output, SIZE, SIZE);
    // The input smiles with parted lips (about 0.11); closed lips measure under 0.07.
    expect(Math.max(...quietFrames.map((f) => gaps[f]))).toBeLessThan(0.07);
    expect(Math.max(...gaps)).toBeGreaterThan(0.1);
    // Inside a run of silence, consecutive frames differ no more than the still input does.
    const still = quietFrames.slice(3, -3).map((f) => meanAbsDiff(output[f], output[f - 1], SIZE, MOUTH));
    const inputMotion = quietFrames.slice(3, -3).map((f) => meanAbsDiff(input[f], input[f - 1], SIZE, MOUTH));
    expect(mean(still)).toBeLessThan(mean(inputMotion) + 1.5);
  });

  it("leaves the picture outside the lower face as it was (only re-encoded)", () => {
    const outside = (x: number, y: number) => !inBox(LOWER_FACE)(x, y);
    const values = input.map((frame, i) => psnr(frame, output[i], SIZE, outside));
    expect(Math.min(...values)).toBeGreaterThan(38);
  });

  it("reports progress through every stage up to 100%", () => {
    const stages = [...new Set(progress.map((p) => p.stage))];
    expect(stages).toEqual(["probe", "track", "audio", "render", "finalize"]);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1] - 1e-9)).toBe(true);
    expect(fractions.at(-1)).toBe(1);
  });

  it("gives the same frames for the same inputs", async () => {
    // Encoded losslessly: x264 alone has encoded the same frames differently under load (docs/reliability.md).
    const own = await tempDir();
    try {
      const run = (name: string) => runLipsync({ video: FIXTURE_VIDEO, audio: FIXTURE_SPEECH, output: path.join(own.dir, name), options: { crf: 0 } });
      const first = await frameHashes((await run("first.mp4")).output);
      const again = await frameHashes((await run("again.mp4")).output);
      expect(first).toHaveLength(FRAMES);
      expect(again).toEqual(first);
    } finally {
      await own.cleanup();
    }
  });
});

describe("audio length policy", () => {
  it("pads short speech with silence and closes the mouth after it", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const short = path.join(dir, "short.mp3");
      await ffmpeg("-i", FIXTURE_SPEECH, "-t", "1.5", "-c:a", "libmp3lame", short);
      const result = await runLipsync({ video: FIXTURE_VIDEO, audio: short, output: path.join(dir, "out.mp4") });
      const { audio, video } = await probeStreams(result.output);
      expect(video!.frames).toBe(FRAMES);
      expect(audio!.duration).toBeGreaterThan(5.9);
      const track = await decodeMono(result.output);
      const tail = track.subarray(16000 * 2, 16000 * 5.9);
      expect(Math.max(...tail.map(Math.abs))).toBeLessThan(0.01);
      // After the speech the mouth is closed in every frame.
      const gaps = await innerLipGaps(result.output, SIZE, SIZE);
      expect(Math.max(...gaps.slice(0, 35))).toBeGreaterThan(0.08);
      expect(Math.max(...gaps.slice(50))).toBeLessThan(0.07);
    } finally {
      await cleanup();
    }
  });

  it("cuts speech longer than the video at the video's end", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const long = path.join(dir, "long.m4a");
      await ffmpeg("-i", FIXTURE_SPEECH, "-i", FIXTURE_SPEECH, "-filter_complex", "[0:a][1:a]concat=n=2:v=0:a=1", "-c:a", "aac", long);
      const result = await runLipsync({ video: FIXTURE_VIDEO, audio: long, output: path.join(dir, "out.mp4") });
      const { audio, video } = await probeStreams(result.output);
      expect(video!.frames).toBe(FRAMES);
      expect(audio!.duration).toBeLessThan(6.1);
    } finally {
      await cleanup();
    }
  });
});

function silentFrames(samples: Float32Array, frames: number, fps: number): number[] {
  const perFrame = 16000 / fps;
  const quiet: number[] = [];
  for (let f = 0; f < frames; f++) {
    // Silent if this frame and 150 ms either side are silent.
    const start = Math.max(0, Math.round((f - 4) * perFrame));
    const end = Math.min(samples.length, Math.round((f + 5) * perFrame));
    let peak = 0;
    for (let i = start; i < end; i++) peak = Math.max(peak, Math.abs(samples[i]));
    if (peak < 0.01) quiet.push(f);
  }
  return quiet;
}

function mean(values: number[]): number {
  return values.reduce((a, v) => a + v, 0) / Math.max(1, values.length);
}
