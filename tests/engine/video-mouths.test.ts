import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadVideoMouths } from "@/lib/lipsync/render/mouth-library";
import { yuvFrame } from "@/lib/lipsync/render/yuv-frame";
import { ffmpeg, tempDir } from "../helpers/media";
import { syntheticFace } from "../helpers/synthetic-face";

const SIZE = 400;
const FRAMES = 48;
/** Every frame is one flat grey whose level names the frame. */
const lumaOf = (index: number) => 20 + 4 * index;
/** Blocks of 12 still frames, closed to open wide, and one frame opened wider still inside the last. */
const WIDEST = 41;
const gapOf = (index: number) => (index === WIDEST ? 40 : [0, 6, 14, 30][Math.floor(index / 12)]);

let dir: { dir: string; cleanup: () => Promise<void> };
let video: string;

beforeAll(async () => {
  dir = await tempDir();
  video = path.join(dir.dir, "levels.mp4");
  // Lossless, so each frame's level comes back exactly.
  await ffmpeg(
    "-f", "lavfi", "-i", `color=black:s=${SIZE}x${SIZE}:r=30:d=${FRAMES / 30},geq=lum='${lumaOf(0)}+4*N':cb=128:cr=128`,
    "-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p", video,
  );
});

afterAll(() => dir?.cleanup());

describe("the video's own mouths", () => {
  it("cuts the library mouths and the interior from the very frames they were chosen in, in one decode", async () => {
    const meshes = Array.from({ length: FRAMES }, (_, index) => syntheticFace(gapOf(index), 12));
    const { library, interior } = await loadVideoMouths(video, meshes, new Float32Array(FRAMES).fill(1), 0.45, { width: SIZE, height: SIZE });

    // Several openings, so several library mouths; each one's pixels are its own frame's.
    expect(new Set(library.map((mouth) => Math.round(mouth.shape.gap * 100))).size).toBeGreaterThanOrEqual(3);
    for (const mouth of library) {
      const levels = new Set(mouth.region.y);
      expect([...levels]).toEqual([lumaOf(mouth.frameIndex)]);
    }

    // The interior is sampled from the widest-open frame. Its brightness is matched to the frame
    // drawn on, within 0.7-1.4 times: on a black frame it comes out at 0.7 times its own level.
    const black = Buffer.alloc((SIZE * SIZE * 3) / 2, 128);
    black.fill(16, 0, SIZE * SIZE);
    const [luma, u, v] = interior(yuvFrame(black, SIZE, SIZE), meshes[WIDEST])({ u: 0, fromTop: 5, fromBottom: 5, eyeDistance: 100, open: 1 });
    expect(luma).toBeCloseTo(0.7 * lumaOf(WIDEST), 6);
    expect([u, v]).toEqual([128, 128]);
  });
});
