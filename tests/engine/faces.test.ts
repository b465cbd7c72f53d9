import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLipsync } from "@/lib/lipsync";
import { FIXTURE_SPEECH, FIXTURE_VIDEO, decodeLuma, ffmpeg, meanAbsDiff, tempDir } from "../helpers/media";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

// In the 320x320 fixture the mouth sits near (146, 152).
const mouthAt = (dx: number) => ({ x0: 118 + dx, y0: 138, x1: 176 + dx, y1: 170 });

/** Largest per-frame mouth-box difference between input and output over the first 2 s (speech). */
function mouthChange(input: Uint8Array[], output: Uint8Array[], width: number, dx: number): number {
  return Math.max(...input.slice(5, 50).map((frame, i) => meanAbsDiff(frame, output[i + 5], width, mouthAt(dx))));
}

describe("which face is synced", () => {
  let twoFaces: string;
  let input: Uint8Array[];
  beforeAll(async () => {
    // The same face twice, side by side; the right one slightly smaller so "largest" is defined.
    twoFaces = path.join(dir, "two-faces.mp4");
    await ffmpeg(
      "-i", FIXTURE_VIDEO, "-t", "2", "-filter_complex",
      "[0:v]split[a][b];[b]scale=288:288,pad=320:320:16:16[c];[a][c]hstack", "-c:v", "libx264", "-crf", "16", twoFaces,
    );
    input = await decodeLuma(twoFaces, 640, 320);
  });

  it("syncs the largest face by default and leaves the other alone", async () => {
    const result = await runLipsync({ video: twoFaces, audio: FIXTURE_SPEECH, output: path.join(dir, "largest.mp4") });
    const output = await decodeLuma(result.output, 640, 320);
    expect(mouthChange(input, output, 640, 0)).toBeGreaterThan(8);
    expect(mouthChange(input, output, 640, 320 + 30)).toBeLessThan(3);
  });

  it("syncs the face nearest a given point", async () => {
    const result = await runLipsync({
      video: twoFaces,
      audio: FIXTURE_SPEECH,
      output: path.join(dir, "pointed.mp4"),
      options: { facePoint: { x: 480, y: 160 } },
    });
    const output = await decodeLuma(result.output, 640, 320);
    expect(mouthChange(input, output, 640, 0)).toBeLessThan(3);
    expect(Math.max(...input.slice(5, 50).map((frame, i) => meanAbsDiff(frame, output[i + 5], 640, { x0: 440, y0: 140, x1: 520, y1: 180 })))).toBeGreaterThan(6);
  });
});

describe("frames without a face", () => {
  it("pass through unchanged while the rest is synced", async () => {
    // 2 s of the face, then 1 s of a test pattern with no face.
    const mixed = path.join(dir, "mixed.mp4");
    await ffmpeg(
      "-i", FIXTURE_VIDEO, "-f", "lavfi", "-i", "testsrc=size=320x320:rate=25:duration=1", "-filter_complex",
      "[0:v]trim=duration=2,setpts=PTS-STARTPTS[a];[1:v]format=yuv420p[b];[a][b]concat=n=2:v=1:a=0", "-c:v", "libx264", "-crf", "16", mixed,
    );
    const result = await runLipsync({ video: mixed, audio: FIXTURE_SPEECH, output: path.join(dir, "mixed.out.mp4") });
    expect(result.frames).toBe(75);
    expect(result.facesFound).toBe(50);
    const [input, output] = await Promise.all([decodeLuma(mixed, 320, 320), decodeLuma(result.output, 320, 320)]);
    const whole = { x0: 0, y0: 0, x1: 320, y1: 320 };
    const noFaceChange = input.slice(52).map((frame, i) => meanAbsDiff(frame, output[i + 52], 320, whole));
    expect(Math.max(...noFaceChange)).toBeLessThan(2);
    expect(mouthChange(input, output, 320, 0)).toBeGreaterThan(8);
  });
});

describe("a cut that moves the face", () => {
  it("finds the face again on the other side and syncs it there, leaving the empty side alone", async () => {
    // 1 s with the face on the left half of a 640x320 frame, then a cut to it on the right half.
    const cut = path.join(dir, "cut.mp4");
    await ffmpeg(
      "-i", FIXTURE_VIDEO, "-filter_complex",
      "[0:v]trim=duration=2,setpts=PTS-STARTPTS,split[a][b];[a]trim=duration=1,pad=640:320:0:0:black[l];" +
        "[b]trim=start=1,setpts=PTS-STARTPTS,pad=640:320:320:0:black[r];[l][r]concat=n=2:v=1:a=0",
      "-c:v", "libx264", "-crf", "16", cut,
    );
    const result = await runLipsync({ video: cut, audio: FIXTURE_SPEECH, output: path.join(dir, "cut.out.mp4") });
    expect(result.facesFound).toBe(result.frames);
    const [input, output] = await Promise.all([decodeLuma(cut, 640, 320), decodeLuma(result.output, 640, 320)]);
    const change = (from: number, to: number, dx: number) =>
      Math.max(...input.slice(from, to).map((frame, i) => meanAbsDiff(frame, output[from + i], 640, mouthAt(dx))));
    expect(change(5, 25, 0)).toBeGreaterThan(8);
    expect(change(30, 50, 320)).toBeGreaterThan(8);
    // Where the face was before the cut, nothing is drawn after it.
    expect(change(26, 50, 0)).toBeLessThan(1);
  });
});

describe("a face in a 1:3 portrait", () => {
  it("is found in every frame and synced (the detector gets a square, not a squeezed frame)", async () => {
    // The astronaut at the top of a 320x960 frame, black below: a tall phone shot's layout.
    const tall = path.join(dir, "tall.mp4");
    await ffmpeg("-i", FIXTURE_VIDEO, "-t", "2", "-vf", "pad=320:960:0:0:black", "-c:v", "libx264", "-crf", "16", tall);
    const result = await runLipsync({ video: tall, audio: FIXTURE_SPEECH, output: path.join(dir, "tall.out.mp4") });
    expect(result.facesFound).toBe(result.frames);
    const [input, output] = await Promise.all([decodeLuma(tall, 320, 960), decodeLuma(result.output, 320, 960)]);
    expect(mouthChange(input, output, 320, 0)).toBeGreaterThan(8);
    const below = { x0: 0, y0: 400, x1: 320, y1: 960 };
    expect(Math.max(...input.map((frame, i) => meanAbsDiff(frame, output[i], 320, below)))).toBeLessThan(2);
  });
});
