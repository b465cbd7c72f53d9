/**
 * facePoint, the API's extension for videos with several faces, over real HTTP (the web server, a
 * worker, an embedded PostgreSQL): checked at submit, stored on the task, given back, and the
 * engine syncs the face nearest the point on a two-face video made here from the fixture.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack } from "@/tests/integration/harness";
import { FIXTURE_VIDEO, decodeLuma, ffmpeg, meanAbsDiff, tempDir } from "../helpers/media";
import { apiClient, type ApiClient, speechBytes, type TaskModel, waitForTask } from "./helpers";

type WithExtraArgs = TaskModel & { task: { taskInfo: { extraArgs: Record<string, unknown> } } };

let stack: Awaited<ReturnType<typeof startStack>>;
let client: ApiClient;
let dir: string;
let cleanup: () => Promise<void>;
let twoFaces: string;
let video: { url: string };
let audio: { url: string };

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  // The fixture beside a slightly smaller copy of itself: the largest face is the left one.
  twoFaces = path.join(dir, "two-faces.mp4");
  await ffmpeg(
    "-i", FIXTURE_VIDEO, "-t", "2", "-filter_complex",
    "[0:v]split[a][b];[b]scale=288:288,pad=320:320:16:16[c];[a][c]hstack", "-c:v", "libx264", "-crf", "16", twoFaces,
  );
  stack = await startStack();
  client = apiClient(stack.baseUrl, (await stack.createUser(`faces-${Date.now()}@example.com`)).token);
  video = await client.upload(await readFile(twoFaces), "two-faces.mp4");
  audio = await client.upload(speechBytes(), "speech.wav");
});

afterAll(async () => {
  await stack?.stop();
  await cleanup?.();
});

describe("facePoint at submit", () => {
  it("is optional: without it the task has no facePoint", async () => {
    const { status, body } = await client.postJson<WithExtraArgs>("/videos/lipsync", { video: video.url, audio: audio.url });
    expect(status).toBe(200);
    expect(body.task.taskInfo.extraArgs).toEqual({});
    // Cancelled at once (200): the engine test below need not wait for it.
    expect((await client.request(`/tasks/${body.task.id}`, { method: "DELETE" })).status).toBe(200);
  });

  it('takes "x,y" text in multipart and gives it back', async () => {
    const form = new FormData();
    form.append("video", video.url);
    form.append("audio", audio.url);
    form.append("facePoint", "0.25, 0.5");
    const { status, body } = await client.json<WithExtraArgs>("/videos/lipsync", { method: "POST", body: form });
    expect(status).toBe(200);
    expect(body.task.taskInfo.extraArgs).toEqual({ facePoint: { x: 0.25, y: 0.5 } });
    // Cancelled at once (200): the engine test below need not wait for it.
    expect((await client.request(`/tasks/${body.task.id}`, { method: "DELETE" })).status).toBe(200);
  });

  const range = "must be between 0 and 1 (a fraction of the video's width or height)";
  const shape = 'must be an object {"x": 0..1, "y": 0..1}: a point on the face to sync, as fractions of the displayed video\'s width and height';
  it.each([
    [{ x: 1.5, y: 0.5 }, `Parameter facePoint.x ${range}`],
    [{ x: 0.5, y: -0.1 }, `Parameter facePoint.y ${range}`],
    [{ x: 640, y: 300 }, `Parameter facePoint.x ${range}`],
    [{ x: "left", y: 0.5 }, "Parameter facePoint.x must be a number"],
    [{ x: 0.5 }, "Parameter facePoint.y must be a number"],
    [{ x: 0.5, y: 0.5, face: 2 }, `Parameter facePoint ${shape}`],
    ["middle", `Parameter facePoint ${shape}`],
    [[0.5, 0.5], `Parameter facePoint ${shape}`],
  ])("refuses %j with 400", async (facePoint, error) => {
    const { status, body } = await client.postJson("/videos/lipsync", { video: video.url, audio: audio.url, facePoint });
    expect({ status, body }).toEqual({ status: 400, body: { error } });
  });

  it("refuses an out-of-range point in multipart too", async () => {
    const form = new FormData();
    form.append("video", video.url);
    form.append("audio", audio.url);
    form.append("facePoint", "2,0.5");
    const { status, body } = await client.json("/videos/lipsync", { method: "POST", body: form });
    expect({ status, body }).toEqual({ status: 400, body: { error: `Parameter facePoint.x ${range}` } });
  });
});

describe("the engine", () => {
  it("syncs the face nearest the point and leaves the larger one alone", async () => {
    const { status, body } = await client.postJson<TaskModel>("/videos/lipsync", { video: video.url, audio: audio.url, facePoint: { x: 0.75, y: 0.5 } });
    expect(status).toBe(200);
    const done = await waitForTask(client, body.task.id);
    expect(done.status_name).toBe("succeed");
    const result = path.join(dir, "result.mp4");
    const response = await client.request(new URL(done.works[0].resource.resource).pathname);
    await writeFile(result, Buffer.from(await response.arrayBuffer()));

    const [input, output] = await Promise.all([decodeLuma(twoFaces, 640, 320), decodeLuma(result, 640, 320)]);
    // Mouths: the left face's near (146, 152); the right, smaller one's near (467, 153).
    const change = (box: { x0: number; y0: number; x1: number; y1: number }) =>
      Math.max(...input.slice(5, 45).map((frame, i) => meanAbsDiff(frame, output[i + 5], 640, box)));
    expect(change({ x0: 118, y0: 138, x1: 176, y1: 170 })).toBeLessThan(3);
    expect(change({ x0: 440, y0: 140, x1: 520, y1: 180 })).toBeGreaterThan(6);
  });
});
