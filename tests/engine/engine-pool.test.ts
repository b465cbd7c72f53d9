import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLipsyncError, runLipsync, startLipsyncEngine, type LipsyncEngine } from "@/lib/lipsync";
import { TrackerPool } from "@/lib/lipsync/face/tracker-pool";
import { FIXTURE_SPEECH, FIXTURE_VIDEO, frameHashes, tempDir } from "../helpers/media";

/**
 * Same inputs, same frames. The engine is deterministic up to the encoder, but x264 is not always:
 * under load it has encoded the same frames differently (docs/reliability.md). So these runs encode
 * losslessly, where its choices cannot change the decoded frames, and compare every frame.
 */
const LOSSLESS = { crf: 0 };

describe("an engine kept loaded between runs (the worker's)", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let engine: LipsyncEngine;
  let cold: string[];

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    engine = startLipsyncEngine();
    // The reference: a one-off run with its own threads, as the CLI does.
    const reference = await runLipsync({ video: FIXTURE_VIDEO, audio: FIXTURE_SPEECH, output: path.join(dir, "cold.mp4"), options: LOSSLESS });
    cold = await frameHashes(reference.output);
    expect(cold).toHaveLength(150);
  });
  afterAll(async () => {
    await engine?.close();
    await cleanup();
  });

  it("gives the same frames as a one-off run, run after run", async () => {
    for (const name of ["warm-1.mp4", "warm-2.mp4"]) {
      const result = await engine.run({ video: FIXTURE_VIDEO, audio: FIXTURE_SPEECH, output: path.join(dir, name), options: LOSSLESS });
      expect(await frameHashes(result.output), `${name} differs from the one-off run`).toEqual(cold);
    }
  });

  it("is not harmed by a run cancelled while tracking: the next run gives the same frames", async () => {
    const controller = new AbortController();
    const cancelled = engine.run({
      video: FIXTURE_VIDEO,
      audio: FIXTURE_SPEECH,
      output: path.join(dir, "cancelled.mp4"),
      signal: controller.signal,
      onProgress: ({ stage, stageFraction }) => {
        if (stage === "track" && stageFraction > 0.2) controller.abort();
      },
    });
    const error = await cancelled.catch((e: unknown) => e);
    expect(isLipsyncError(error) && error.code).toBe("CANCELLED");
    const after = await engine.run({ video: FIXTURE_VIDEO, audio: FIXTURE_SPEECH, output: path.join(dir, "after-cancel.mp4"), options: LOSSLESS });
    expect(await frameHashes(after.output)).toEqual(cold);
    expect(engine.replacedTrackers).toBe(0);
  });
});

describe("interpolating still frames (opt-in)", () => {
  it("interpolates some frames of the still fixture and still finds the face in every frame", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const profile: Record<string, number> = {};
      const result = await runLipsync({
        video: FIXTURE_VIDEO,
        audio: FIXTURE_SPEECH,
        output: path.join(dir, "interpolated.mp4"),
        options: { interpolateStillFrames: true },
        profile,
      });
      expect(result.facesFound).toBe(result.frames);
      const interpolated = profile["track: frames interpolated (a share, not ms)"] ?? 0;
      expect(interpolated).toBeGreaterThan(0);
      // At most every other frame, never a range's first or last.
      expect(interpolated).toBeLessThan(result.frames / 2);
    } finally {
      await cleanup();
    }
  });
});

describe("a tracking process that dies", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let pool: TrackerPool;
  beforeAll(async () => ({ dir, cleanup } = await tempDir()));
  afterAll(async () => {
    await pool?.close();
    await cleanup();
  });

  it("fails the run it served with a clear error and is replaced for the next run", async () => {
    pool = new TrackerPool(2);
    // Reach into the pool to kill a tracker mid-job, as a crash in the face model's runtime would.
    const trackers = Reflect.get(pool, "trackers") as { process: ChildProcess; job?: unknown }[];
    let killed = false;
    const run = runLipsync({
      video: FIXTURE_VIDEO,
      audio: FIXTURE_SPEECH,
      output: path.join(dir, "crashed.mp4"),
      trackers: pool,
      onProgress: ({ stage, stageFraction }) => {
        const busy = trackers.find((tracker) => tracker.job);
        if (killed || stage !== "track" || stageFraction < 0.1 || !busy) return;
        killed = true;
        busy.process.kill("SIGKILL");
      },
    });
    const error = await run.catch((e: unknown) => e);
    expect(isLipsyncError(error) && error.code).toBe("ENGINE_FAILURE");
    expect((error as Error).message).toMatch(/Face tracking stopped unexpectedly/);
    expect(pool.replacedTrackers).toBe(1);

    const result = await runLipsync({ video: FIXTURE_VIDEO, audio: FIXTURE_SPEECH, output: path.join(dir, "after-crash.mp4"), trackers: pool });
    expect(result.facesFound).toBe(result.frames);
  });
});
