import { describe, expect, it } from "vitest";
import { LibraryCandidates } from "@/lib/lipsync/render/library-candidates";
import { videoMouths } from "@/lib/lipsync/render/mouth-library";
import { yuvFrame, type YuvFrame } from "@/lib/lipsync/render/yuv-frame";
import { syntheticFace } from "../helpers/synthetic-face";

const SIZE = 400;
const FRAMES = 96;
/** Every frame is one flat grey whose level names the frame. */
const lumaOf = (index: number) => 20 + 2 * index;
/** Blocks of 24 frames, closed to open wide, and one frame opened wider still inside the last. */
const WIDEST = 89;
const gapOf = (index: number) => (index === WIDEST ? 40 : [0, 6, 14, 30][Math.floor(index / 24)]);
/** In each block, these frames are still; the lips of every other frame shake by a pixel or two. */
const STILL = new Set([5, 20, 29, 44, 53, 68, 77, 92]);

function frameOf(index: number): YuvFrame {
  const buffer = Buffer.alloc((SIZE * SIZE * 3) / 2, 128);
  buffer.fill(lumaOf(index), 0, SIZE * SIZE);
  return yuvFrame(buffer, SIZE, SIZE);
}

function meshOf(index: number): Float32Array {
  const mesh = syntheticFace(gapOf(index), 12);
  if (STILL.has(index) || STILL.has(index - 1) || STILL.has(index + 1)) return mesh;
  // Shaken: the whole mouth moves up or down by a different amount in any two frames two apart.
  const shake = [-1.5, 1, 2][index % 3];
  for (let i = 1; i < mesh.length; i += 2) if (mesh[i] > 200) mesh[i] += shake;
  return mesh;
}

/** The frames streamed through LibraryCandidates as a tracker does, each with its neighbours' meshes. */
function streamedCandidates(meshes: Float32Array[]) {
  const keeper = new LibraryCandidates();
  meshes.forEach((mesh, index) => keeper.offer(index, meshes[index - 1] ?? null, mesh, meshes[index + 1] ?? null, frameOf(index)));
  return keeper.candidates();
}

describe("the video's own mouths", () => {
  const meshes = Array.from({ length: FRAMES }, (_, index) => meshOf(index));

  it("keeps, as the frames stream by, the stillest lower face of each mouth shape, cut from its own frame, and the widest-open few", () => {
    const candidates = streamedCandidates(meshes);
    const kept = candidates.map((c) => c.frameIndex);
    // Four openings, one still frame kept for each (the first of two equally still), and the
    // widest-open three, a few frames apart, the widest among them.
    expect(kept.filter((index) => STILL.has(index))).toEqual([5, 29, 53, 77]);
    expect(kept).toContain(WIDEST);
    expect(candidates.length).toBeLessThanOrEqual(4 + 3);
    for (const { frameIndex, region } of candidates) {
      expect(new Set(region.y)).toEqual(new Set([lumaOf(frameIndex)]));
      // The lower face with room around it: the lips span x 155-245 and the chin reaches y 320.
      expect(region.originX).toBeLessThanOrEqual(155 - 20);
      expect(region.originX + region.width).toBeGreaterThanOrEqual(245 + 20);
      expect(region.originY + region.height).toBeGreaterThanOrEqual(320);
    }
  });

  it("builds the library from the stillest candidates of each shape, and the interior from the widest-open one", () => {
    const { library, interior } = videoMouths(streamedCandidates(meshes), meshes, new Float32Array(FRAMES).fill(1), 0.45);

    // The still frame of each opening; the widest bin also takes the widest-open frame, 12 frames on.
    expect(library.map((mouth) => mouth.frameIndex)).toEqual([5, 29, 53, 77, 89]);
    for (const mouth of library) {
      expect(new Set(mouth.region.y)).toEqual(new Set([lumaOf(mouth.frameIndex)]));
    }

    // The interior is sampled from the widest-open frame. Its brightness is matched to the frame
    // drawn on, within 0.7-1.4 times: on a black frame it comes out at 0.7 times its own level.
    const black = Buffer.alloc((SIZE * SIZE * 3) / 2, 128);
    black.fill(16, 0, SIZE * SIZE);
    const [luma, u, v] = interior(yuvFrame(black, SIZE, SIZE), meshes[WIDEST])({ u: 0, fromTop: 5, fromBottom: 5, eyeDistance: 100, open: 1 });
    expect(luma).toBeCloseTo(0.7 * lumaOf(WIDEST), 6);
    expect([u, v]).toEqual([128, 128]);
  });

  it("leaves out frames near a lost face, and draws the interior when no frame opens wide enough", () => {
    const strength = new Float32Array(FRAMES).fill(1);
    strength.fill(0.5, 48, FRAMES);
    const { library, interior } = videoMouths(streamedCandidates(meshes), meshes, strength, 0.45);
    expect(library.length).toBeGreaterThan(0);
    expect(library.every((mouth) => mouth.frameIndex < 48)).toBe(true);
    // Without a reference, the drawn interior is the same whatever the frame's level was.
    const black = frameOf(0);
    const [luma] = interior(black, meshes[0])({ u: 0, fromTop: 5, fromBottom: 5, eyeDistance: 100, open: 1 });
    expect(luma).toBeLessThan(lumaOf(WIDEST) * 0.7);
  });
});
