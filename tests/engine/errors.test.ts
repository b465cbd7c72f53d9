import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFile, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LipsyncError, runLipsync, type LipsyncErrorCode, type LipsyncOptionsInput } from "@/lib/lipsync";
import { FIXTURE_SPEECH, FIXTURE_VIDEO, ffmpeg, tempDir } from "../helpers/media";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

async function expectFailure(
  input: { video?: string; audio?: string; options?: LipsyncOptionsInput; signal?: AbortSignal },
  code: LipsyncErrorCode,
  message: RegExp,
): Promise<void> {
  const output = path.join(dir, `${code}-${randomBytes(3).toString("hex")}.mp4`);
  const error = await runLipsync({ video: FIXTURE_VIDEO, audio: FIXTURE_SPEECH, output, ...input }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LipsyncError);
  expect((error as LipsyncError).code).toBe(code);
  expect((error as LipsyncError).message).toMatch(message);
  // Nothing half-written is left behind.
  const leftovers = (await readdir(dir)).filter((name) => name.startsWith(path.basename(output, ".mp4")));
  expect(leftovers).toEqual([]);
}

describe("runLipsync refuses bad input with a specific, actionable error", () => {
  it("an audio file given as the video: NO_VIDEO_STREAM", () =>
    expectFailure({ video: FIXTURE_SPEECH }, "NO_VIDEO_STREAM", /no video stream/i));

  it("a video without sound given as the audio: NO_AUDIO_STREAM", async () => {
    const silentVideo = path.join(dir, "no-audio.mp4");
    await ffmpeg("-i", FIXTURE_VIDEO, "-an", "-c:v", "copy", silentVideo);
    await expectFailure({ audio: silentVideo }, "NO_AUDIO_STREAM", /no audio stream/i);
  });

  it("random bytes: UNREADABLE_FILE", async () => {
    const junk = path.join(dir, "junk.mp4");
    await writeFile(junk, randomBytes(50_000));
    await expectFailure({ video: junk }, "UNREADABLE_FILE", /could not be read/i);
    await expectFailure({ audio: junk }, "UNREADABLE_FILE", /could not be read/i);
  });

  it("a zero-byte file: UNREADABLE_FILE", async () => {
    const empty = path.join(dir, "empty.wav");
    await writeFile(empty, "");
    await expectFailure({ audio: empty }, "UNREADABLE_FILE", /could not be read/i);
  });

  it("a truncated MP4 whose index is missing: UNREADABLE_FILE", async () => {
    const whole = path.join(dir, "index-at-end.mp4");
    await ffmpeg("-i", FIXTURE_VIDEO, "-c", "copy", whole);
    const bytes = await readFile(whole);
    const truncated = path.join(dir, "truncated.mp4");
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectFailure({ video: truncated }, "UNREADABLE_FILE", /corrupt|truncated/i);
  });

  it("a cut-off MP4 whose index is at the front: UNREADABLE_FILE, not a slide show", async () => {
    // The shipped fixture has its index first, so ffprobe still sees 150 frames in the first 40 KB.
    const truncated = path.join(dir, "cut-off.mp4");
    await writeFile(truncated, (await readFile(FIXTURE_VIDEO)).subarray(0, 40_000));
    await expectFailure({ video: truncated }, "UNREADABLE_FILE", /damaged or cut short: only \d+ of its 150 frames/);
  });

  it("a file that does not exist: UNREADABLE_FILE naming it", () =>
    expectFailure({ video: path.join(dir, "missing.mp4") }, "UNREADABLE_FILE", /missing\.mp4 does not exist/));

  it("a still image given as the video: UNSUPPORTED_FORMAT", async () => {
    const still = path.join(dir, "still.png");
    await ffmpeg("-i", FIXTURE_VIDEO, "-frames:v", "1", still);
    await expectFailure({ video: still }, "UNSUPPORTED_FORMAT", /still image/i);
  });

  it("a 61 s video: VIDEO_TOO_LONG with the limit", async () => {
    const long = path.join(dir, "long.mp4");
    await ffmpeg("-f", "lavfi", "-i", "color=c=gray:size=64x64:rate=5:duration=61", "-c:v", "libx264", "-preset", "ultrafast", long);
    await expectFailure({ video: long }, "VIDEO_TOO_LONG", /61\.0 s long; the limit is 60 s/);
    await expectFailure({ video: long, options: { maxDurationSeconds: 30 } }, "VIDEO_TOO_LONG", /limit is 30 s/);
  });

  it("a frame larger than allowed: VIDEO_TOO_LARGE", async () => {
    const wide = path.join(dir, "wide.mp4");
    await ffmpeg("-f", "lavfi", "-i", "color=c=gray:size=4400x64:rate=5:duration=0.4", "-c:v", "libx264", "-preset", "ultrafast", wide);
    await expectFailure({ video: wide }, "VIDEO_TOO_LARGE", /4400x64/);
  });

  it("a video with no face: NO_FACE_FOUND with the share of frames", async () => {
    const noFace = path.join(dir, "no-face.mp4");
    await ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2", "-c:v", "libx264", "-preset", "ultrafast", noFace);
    await expectFailure({ video: noFace }, "NO_FACE_FOUND", /found in only 0% of the frames/);
  });

  it("a face smaller than the minimum: FACE_TOO_SMALL", () =>
    expectFailure({ options: { minFaceSize: 150 } }, "FACE_TOO_SMALL", /too small \(eyes \d+ px apart; at least 150 px/));

  it("options out of range: INVALID_OPTIONS naming the field", () =>
    expectFailure({ options: { crf: 80 } }, "INVALID_OPTIONS", /crf/));

  it("an aborted run: CANCELLED, ffmpeg stopped, no files left", async () => {
    const controller = new AbortController();
    const output = path.join(dir, "cancelled.mp4");
    const run = runLipsync({
      video: FIXTURE_VIDEO,
      audio: FIXTURE_SPEECH,
      output,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === "render" && p.stageFraction > 0.2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: "CANCELLED" });
    expect((await readdir(dir)).filter((name) => name.startsWith("cancelled"))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { stdout } = await promisify(execFile)("ps", ["-o", "comm=", "--ppid", String(process.pid)]).catch(() => ({ stdout: "" }));
    expect(stdout).not.toMatch(/ffmpeg/);
  });

  it("keeps working after failures (the engine holds no broken state)", async () => {
    const copy = path.join(dir, "copy.mp4");
    await copyFile(FIXTURE_VIDEO, copy);
    const result = await runLipsync({ video: copy, audio: FIXTURE_SPEECH, output: path.join(dir, "after.mp4") });
    expect(result.frames).toBe(150);
  });
});
