import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLipsync } from "@/lib/lipsync";
import { FIXTURE_SPEECH, FIXTURE_VIDEO, decodeLuma, ffmpeg, meanAbsDiff, probeStreams, tempDir } from "../helpers/media";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

/** Makes a variant of the fixture (first 2 s) with the given ffmpeg output arguments. */
async function variant(name: string, ...args: string[]): Promise<string> {
  const file = path.join(dir, name);
  await ffmpeg("-i", FIXTURE_VIDEO, "-t", "2", ...args, file);
  return file;
}

async function syncAndProbe(video: string) {
  const result = await runLipsync({ video, audio: FIXTURE_SPEECH, output: video.replace(/\.\w+$/, ".out.mp4") });
  const probe = await probeStreams(result.output);
  return { result, video: probe.video!, audio: probe.audio! };
}

describe("input formats", () => {
  it("landscape 16:9 with the face off-centre", async () => {
    const input = await variant("landscape.mp4", "-vf", "pad=568:320:200:0", "-c:v", "libx264", "-crf", "18");
    const { result, video } = await syncAndProbe(input);
    expect(video).toMatchObject({ width: 568, height: 320, frames: 50, codec: "h264" });
    expect(result.facesFound).toBe(50);
  });

  it("rotation metadata: output upright at the displayed size", async () => {
    const upright = await variant("upright.mp4", "-vf", "crop=320:240:0:40", "-c:v", "libx264", "-crf", "18");
    const sideways = await variant("sideways-coded.mp4", "-vf", "crop=320:240:0:40,transpose=1", "-c:v", "libx264", "-crf", "18");
    const tagged = path.join(dir, "rotated.mp4");
    // Coded 240x320 lying on its side, as phones record; the tag turns it upright (320x240).
    await ffmpeg("-i", sideways, "-c", "copy", "-metadata:s:v:0", "rotate=90", tagged);
    const { result, video } = await syncAndProbe(tagged);
    expect(video).toMatchObject({ width: 320, height: 240, frames: 50 });
    expect(result.facesFound).toBe(50);
    const [expected] = await decodeLuma(upright, 320, 240);
    const [actual] = await decodeLuma(result.output, 320, 240);
    expect(meanAbsDiff(expected, actual, 320, { x0: 0, y0: 0, x1: 320, y1: 90 })).toBeLessThan(4);
  });

  it("HEVC 10-bit full-range input", async () => {
    const input = await variant("hevc10.mkv", "-c:v", "libx265", "-pix_fmt", "yuv420p10le", "-color_range", "pc", "-x265-params", "log-level=error");
    const { result, video } = await syncAndProbe(input);
    expect(video).toMatchObject({ codec: "h264", pixelFormat: "yuv420p", frames: 50, width: 320 });
    expect(result.facesFound).toBe(50);
  });

  it("odd dimensions are padded by one pixel to the even size H.264 needs", async () => {
    const input = await variant("odd.mp4", "-vf", "format=yuv444p,crop=319:317:0:0", "-c:v", "libx264");
    const { video } = await syncAndProbe(input);
    expect(video).toMatchObject({ width: 320, height: 318, frames: 50 });
  });

  it("variable frame rate: every decoded frame is kept, duration preserved", async () => {
    // Drop every third frame and keep the timestamps: 34 frames over 2 s.
    const input = await variant("vfr.mp4", "-vf", "select='mod(n\\,3)'", "-vsync", "vfr", "-c:v", "libx264");
    const source = await probeStreams(input);
    const { result, video } = await syncAndProbe(input);
    expect(video.frames).toBe(source.video!.frames);
    expect(result.duration).toBeCloseTo(source.video!.duration, 1);
  });

  it("speech inside a video file (its sound track) and in other audio formats", async () => {
    const speechVideo = path.join(dir, "speech-video.mp4");
    await ffmpeg("-i", FIXTURE_VIDEO, "-i", FIXTURE_SPEECH, "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", speechVideo);
    const formats = [speechVideo];
    for (const [name, codec] of [["speech.ogg", "libopus"], ["speech.flac", "flac"]] as const) {
      const file = path.join(dir, name);
      await ffmpeg("-i", FIXTURE_SPEECH, "-c:a", codec, file);
      formats.push(file);
    }
    const short = await variant("short.mp4", "-c:v", "libx264", "-an");
    for (const audio of formats) {
      const result = await runLipsync({ video: short, audio, output: path.join(dir, `${path.basename(audio)}.out.mp4`) });
      expect(result.frames).toBe(50);
      expect((await probeStreams(result.output)).audio!.duration).toBeCloseTo(2, 1);
    }
  });
});
