/**
 * The face trackers cut the mouth library's candidates from full-size frames of their own decode
 * (decodeFrameSets: one decode, a small RGB frame for the face model and the full-size frame):
 * both outputs must carry the same frame, in display orientation, numbered as in the whole video.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trackFaces } from "@/lib/lipsync/face/track-faces";
import { decodeFrames, decodeFrameSets } from "@/lib/lipsync/media/decode-frames";
import { FIXTURE_VIDEO, ffmpeg, tempDir } from "../helpers/media";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

describe("one decode, two outputs", () => {
  let levels: string;
  beforeAll(async () => {
    // Lossless, so each frame's grey level (which names it) comes back exactly.
    levels = path.join(dir, "levels.mp4");
    await ffmpeg("-f", "lavfi", "-i", "color=black:s=96x64:r=25:d=1.6,geq=lum='20+5*N':cb=128:cr=128", "-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p", levels);
  });

  it("gives each frame at both sizes, from the frame the shared filter starts at", async () => {
    const sets: number[][] = [];
    for await (const [small, full] of decodeFrameSets(levels, {
      sharedFilter: "select=gte(n\\,10)",
      outputs: [
        { width: 48, height: 32, videoFilter: "scale=48:32", pixelFormat: "rgb24" },
        { width: 96, height: 64, pixelFormat: "yuv420p" },
      ],
    })) {
      expect([small.length, full.length]).toEqual([48 * 32 * 3, (96 * 64 * 3) / 2]);
      sets.push([small[0], full[0]]);
    }
    expect(sets.length).toBe(40 - 10);
    // Full range (rgb24 of a limited-range grey): the small frame's level is the full one's, stretched.
    sets.forEach(([rgb, luma], k) => {
      expect(luma).toBe(20 + 5 * (k + 10));
      expect(Math.abs(rgb - ((luma - 16) * 255) / 219)).toBeLessThanOrEqual(3);
    });
  });

  it("turns both outputs upright when the video carries a rotation", async () => {
    // Left half white, right half black, stored sideways: shown turned by 90 degrees, black on top.
    const stored = path.join(dir, "stored.mp4");
    const rotated = path.join(dir, "rotated.mp4");
    await ffmpeg("-f", "lavfi", "-i", "color=white:s=32x32:d=0.2[l];color=black:s=32x32:d=0.2[r];[l][r]hstack", "-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p", stored);
    await ffmpeg("-i", stored, "-c", "copy", "-metadata:s:v", "rotate=90", rotated);
    const outputs = [
      { width: 16, height: 32, videoFilter: "scale=16:32", pixelFormat: "rgb24" as const },
      { width: 32, height: 64, pixelFormat: "yuv420p" as const },
    ];
    for await (const [small, full] of decodeFrameSets(rotated, { outputs })) {
      // Upright is 32 wide and 64 tall.
      expect(full[0]).toBeLessThan(40);
      expect(full[32 * 63]).toBeGreaterThan(200);
      expect(small[0]).toBeLessThan(40);
      expect(small[16 * 31 * 3]).toBeGreaterThan(200);
      // The one-output decode agrees.
      for await (const alone of decodeFrames(rotated, outputs[1])) {
        expect(alone.equals(full)).toBe(true);
        break;
      }
      break;
    }
  });
});

describe("library candidates from the tracker's decode", () => {
  it("are cut from the very full-size frames they are numbered by, within the tracked range", async () => {
    // The fixture: 320x320, 150 frames; the second half, as the second of two trackers gets it.
    const { meshes, candidates } = await trackFaces({
      video: FIXTURE_VIDEO, width: 320, height: 320, trackingSize: 320, firstFrame: 75, frameCount: 75, fullSize: { width: 320, height: 320 },
    });
    expect(meshes.length).toBe(75);
    expect(candidates.length).toBeGreaterThan(2);
    const wanted = new Map(candidates.map((candidate) => [candidate.frameIndex, candidate]));
    let index = 0;
    let checked = 0;
    for await (const frame of decodeFrames(FIXTURE_VIDEO, { width: 320, height: 320, pixelFormat: "yuv420p" })) {
      const candidate = wanted.get(index++);
      if (!candidate) continue;
      expect(candidate.frameIndex).toBeGreaterThanOrEqual(76);
      const { region } = candidate;
      for (let row = 0; row < region.height; row += 7) {
        const start = (region.originY + row) * 320 + region.originX;
        expect(Buffer.from(region.y.subarray(row * region.width, (row + 1) * region.width)).equals(frame.subarray(start, start + region.width))).toBe(true);
      }
      checked++;
    }
    expect(checked).toBe(candidates.length);
  });
});
