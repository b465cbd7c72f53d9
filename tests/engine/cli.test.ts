import { execFile } from "node:child_process";
import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SPEECH, FIXTURE_VIDEO, probeStreams, tempDir } from "../helpers/media";

const run = promisify(execFile);
const cli = (...args: string[]) => cliWith(process.env, ...args);
const cliWith = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  run("node", ["--import", "tsx", "lib/lipsync/cli.ts", ...args], { cwd: path.resolve(import.meta.dirname, "../.."), env });

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

describe("npm run lipsync", () => {
  it("syncs a video and prints a one-line summary with a progress bar on stderr", async () => {
    const out = path.join(dir, "cli.mp4");
    const { stdout, stderr } = await cli("--video", FIXTURE_VIDEO, "--audio", FIXTURE_SPEECH, "--out", out, "--crf", "23");
    expect(stdout).toMatch(/150 frames 320x320 @ 25\.00 fps, 6\.00 s; face in 150\/150 frames; [\d.]+ s \([\d.]+ fps achieved\)/);
    // One line a second without a terminal: at least the start and the end, the percentage never falling.
    const percents = [...stderr.matchAll(/^(?:probe|track|audio|render|finalize) +\|[=-]+\| (\d+)%/gm)].map((line) => Number(line[1]));
    expect(percents.length).toBeGreaterThanOrEqual(2);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(stderr).toMatch(/^finalize \|=+\| 100%/m);
    expect((await probeStreams(out)).video?.frames).toBe(150);
  });

  it("exits with code 2 and the error's code and advice on bad input", async () => {
    const failure = await cli("--video", FIXTURE_SPEECH, "--audio", FIXTURE_SPEECH, "--out", path.join(dir, "x.mp4"), "--quiet").catch((e) => e);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(/NO_VIDEO_STREAM: The video file has no video stream/);
  });

  it("refuses a malformed option before doing any work", async () => {
    const failure = await cli("--video", FIXTURE_VIDEO, "--audio", FIXTURE_SPEECH, "--out", path.join(dir, "y.mp4"), "--face-point", "left").catch((e) => e);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/must be x,y in pixels/);
  });

  it("sends nothing home: ONNX Runtime's telemetry is off, so it leaves no session files in TMPDIR", async () => {
    const tmp = path.join(dir, "tmp");
    await mkdir(tmp);
    await cliWith({ ...process.env, TMPDIR: tmp, ORT_DISABLE_TELEMETRY: undefined }, "--video", FIXTURE_VIDEO, "--audio", FIXTURE_SPEECH, "--out", path.join(dir, "t.mp4"), "--quiet");
    // tsx keeps its compile cache there; the runtime's telemetry would add .ses and mat-debug-<pid>.log.
    expect((await readdir(tmp)).filter((name) => !name.startsWith("tsx-"))).toEqual([]);
  });
});
