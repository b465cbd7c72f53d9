import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLipsync } from "@/lib/lipsync";
import { FIXTURE_SPEECH, FIXTURE_VIDEO, decodeLuma, decodeMono, ffmpeg, inBox, psnr, tempDir, type Box } from "../helpers/media";
import { frameLoudness, innerLipGaps, pearson } from "../helpers/mouth";

// The fixture: 320x320, 25 fps, 150 frames (see run-lipsync.test.ts).
const SIZE = 320;
const FPS = 25;
/** Everything the engine may touch: lips, jaw, chin and the ring around the jaw line. */
const LOWER_FACE: Box = { x0: 78, y0: 118, x1: 218, y1: 215 };
/** Two engine runs and face tracking of their outputs: several minutes on two busy cores. */
const SLOW = 600_000;

describe("the mouth the engine draws", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let first: string;
  let second: string;
  let reversed: string;
  let reencoded: string;
  let firstGaps: Promise<number[]> | undefined;
  const gapsOfFirst = () => (firstGaps ??= innerLipGaps(first, SIZE, SIZE));

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    // A video whose mouth already moves (the engine's own output for the speech), given other speech
    // (the same speech reversed: the same sounds at other times).
    reversed = path.join(dir, "reversed.wav");
    reencoded = path.join(dir, "reencoded.mp4");
    await ffmpeg("-i", FIXTURE_SPEECH, "-af", "areverse", reversed);
    await ffmpeg("-i", FIXTURE_VIDEO, "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", reencoded);
    first = (await runLipsync({ video: FIXTURE_VIDEO, audio: FIXTURE_SPEECH, output: path.join(dir, "first.mp4") })).output;
    second = (await runLipsync({ video: first, audio: reversed, output: path.join(dir, "second.mp4") })).output;
  }, SLOW);
  afterAll(() => cleanup());

  it("replaces a mouth that already moves instead of adding to it", async () => {
    const [before, after] = await Promise.all([gapsOfFirst(), innerLipGaps(second, SIZE, SIZE)]);
    const speech = frameLoudness(await decodeMono(reversed), after.length, FPS);
    // The new speech drives the mouth far more than the original motion shows through (input leak,
    // as in docs/quality.md; the goal is 0.3, measured 0.16 here).
    const leak = pearson(after, before);
    // The mouth leads the sound by up to a few frames: its best lag against the loudness.
    const follows = Math.max(...[0, 1, 2, 3].map((lead) => pearson(after, speech.slice(lead))));
    expect(leak).toBeLessThan(0.3);
    expect(follows).toBeGreaterThan(0.3);
    expect(follows).toBeGreaterThan(leak);
  }, SLOW);

  it("leaves the picture outside the lower face within 1 dB of a plain re-encode", async () => {
    const [input, output, plain] = await Promise.all([FIXTURE_VIDEO, first, reencoded].map((file) => decodeLuma(file, SIZE, SIZE)));
    const outside = (x: number, y: number) => !inBox(LOWER_FACE)(x, y);
    const mean = (files: Uint8Array[]) => files.reduce((s, frame, i) => s + psnr(input[i], frame, SIZE, outside), 0) / files.length;
    expect(mean(output)).toBeGreaterThan(mean(plain) - 1);
  });

  it("moves the mouth with the sound or slightly before it, never after", async () => {
    const gaps = await gapsOfFirst();
    const loud = frameLoudness(await decodeMono(FIXTURE_SPEECH), gaps.length, FPS);
    // r(lag) of the opening against the loudness; lag > 0: the mouth moves after the sound.
    const r = (lag: number) => (lag >= 0 ? pearson(gaps.slice(lag), loud) : pearson(gaps, loud.slice(-lag)));
    const lags = [-4, -3, -2, -1, 0, 1, 2, 3, 4];
    const best = lags.reduce((a, b) => (r(b) > r(a) ? b : a));
    expect(best).toBeGreaterThanOrEqual(-2);
    expect(best).toBeLessThanOrEqual(0);
    expect(r(-1)).toBeGreaterThan(r(1));
  }, SLOW);
});
