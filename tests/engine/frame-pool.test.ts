import { createHash } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeFrames } from "@/lib/lipsync/media/decode-frames";
import { startEncoder } from "@/lib/lipsync/media/encode-video";
import { FramePool } from "@/lib/lipsync/media/frame-pool";
import { FIXTURE_SPEECH, FIXTURE_VIDEO, tempDir } from "../helpers/media";

// The fixture: 320x320, 25 fps, 150 frames.
const SIZE = 320;
const FRAME_BYTES = (SIZE * SIZE * 3) / 2;
const yuv = { width: SIZE, height: SIZE, pixelFormat: "yuv420p" } as const;
const md5 = (frame: Buffer) => createHash("md5").update(frame).digest("hex");

async function frameHashes(file: string, pool?: FramePool): Promise<string[]> {
  const hashes: string[] = [];
  for await (const frame of decodeFrames(file, { ...yuv, pool })) {
    hashes.push(md5(frame));
    pool?.give(frame);
  }
  return hashes;
}

describe("frame buffers recycled between decoder and encoder", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir, cleanup } = await tempDir()));
  afterAll(() => cleanup());

  it("decodes the same frames with a few buffers as with a new one per frame", async () => {
    const pool = new FramePool(FRAME_BYTES);
    const buffers = new Set<ArrayBufferLike>();
    const take = pool.take.bind(pool);
    pool.take = () => {
      const buffer = take();
      buffers.add(buffer.buffer);
      return buffer;
    };
    const [plain, pooled] = [await frameHashes(FIXTURE_VIDEO), await frameHashes(FIXTURE_VIDEO, pool)];
    expect(pooled).toHaveLength(150);
    expect(pooled).toEqual(plain);
    expect(buffers.size).toBeLessThan(10);
  });

  it("reuses a buffer only once the encoder's pipe has taken it: a lossless encode gives back every frame as decoded", async () => {
    const output = path.join(dir, "lossless.mp4");
    const encoder = startEncoder({ output, width: SIZE, height: SIZE, fps: 25, audio: FIXTURE_SPEECH, duration: 6, crf: 0, preset: "ultrafast" });
    const pool = new FramePool(FRAME_BYTES);
    const written: string[] = [];
    for await (const frame of decodeFrames(FIXTURE_VIDEO, { ...yuv, pool })) {
      written.push(md5(frame));
      await encoder.write(frame, () => pool.give(frame));
    }
    await encoder.finish();
    expect(await frameHashes(output)).toEqual(written);
  });

  it("refuses a pool of another frame size", async () => {
    const frames = decodeFrames(FIXTURE_VIDEO, { ...yuv, pool: new FramePool(FRAME_BYTES + 2) });
    await expect(frames.next()).rejects.toThrow(/frame pool/);
  });
});
