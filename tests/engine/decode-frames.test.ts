/**
 * decodeFrames reads ffmpeg's frames through a named pipe straight into frame buffers: the pipe
 * must pause ffmpeg when the consumer lags, end on a file ffmpeg cannot even open, and leave no
 * process or pipe behind however the consumer stops.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeFrames } from "@/lib/lipsync/media/decode-frames";
import { FramePool } from "@/lib/lipsync/media/frame-pool";
import { FIXTURE_VIDEO } from "../helpers/media";

// The fixture: 320x320, 25 fps, 150 frames.
const yuv = { width: 320, height: 320, pixelFormat: "yuv420p" } as const;
const FRAME_BYTES = (320 * 320 * 3) / 2;

let scratch: string;
const savedTmp = process.env.TMPDIR;
beforeEach(async () => {
  // os.tmpdir() follows TMPDIR: the decoder's pipes land here, where nothing else writes.
  scratch = await mkdtemp(path.join(os.tmpdir(), "decode-frames-test-"));
  process.env.TMPDIR = scratch;
});
afterEach(async () => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  await rm(scratch, { recursive: true, force: true });
});

/** ffmpeg processes of this process still running. */
function ffmpegChildren(): number {
  const out = execFileSync("ps", ["-o", "comm=", "--ppid", String(process.pid)]).toString();
  return out.split("\n").filter((name) => name.includes("ffmpeg")).length;
}

describe("decodeFrames through a named pipe", () => {
  it("keeps ffmpeg at most a few frames ahead of a consumer that stops reading", async () => {
    const pool = new FramePool(FRAME_BYTES);
    let taken = 0;
    const take = pool.take.bind(pool);
    pool.take = () => {
      taken++;
      return take();
    };
    let consumed = 0;
    let aheadWhileWaiting = -1;
    for await (const frame of decodeFrames(FIXTURE_VIDEO, { ...yuv, pool })) {
      consumed++;
      pool.give(frame);
      if (consumed === 10) {
        await sleep(500);
        aheadWhileWaiting = taken - consumed;
      }
    }
    expect(consumed).toBe(150);
    // Three frames read ahead, one being filled, one taken as the next to fill.
    expect(aheadWhileWaiting).toBeGreaterThanOrEqual(1);
    expect(aheadWhileWaiting).toBeLessThanOrEqual(5);
  });

  it("fails with UNREADABLE_FILE on a file ffmpeg cannot open, where it never opens the pipe", async () => {
    const notVideo = path.join(scratch, "not-video.mp4");
    await writeFile(notVideo, "this is not a video\n".repeat(50));
    const started = Date.now();
    const frames = decodeFrames(notVideo, yuv);
    await expect(frames.next()).rejects.toMatchObject({ code: "UNREADABLE_FILE" });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await readdir(scratch)).toEqual(["not-video.mp4"]);
  });

  it("stops ffmpeg and removes its pipe when the consumer leaves early or the signal aborts", async () => {
    for await (const frame of decodeFrames(FIXTURE_VIDEO, yuv)) {
      expect(frame.length).toBe(FRAME_BYTES);
      break;
    }
    expect(ffmpegChildren()).toBe(0);
    expect(await readdir(scratch)).toEqual([]);

    const controller = new AbortController();
    let seen = 0;
    const run = (async () => {
      for await (const frame of decodeFrames(FIXTURE_VIDEO, { ...yuv, signal: controller.signal })) {
        void frame;
        if (++seen === 5) controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ code: "CANCELLED" });
    expect(seen).toBeLessThan(150);
    expect(ffmpegChildren()).toBe(0);
    expect(await readdir(scratch)).toEqual([]);
  });
});
