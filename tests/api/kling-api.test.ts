/**
 * The Kling lip-sync API over real HTTP: the web server, a worker and an embedded PostgreSQL
 * started by the integration harness. Every error of the seed is checked status and body.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ffmpegPath } from "@/lib/lipsync/media/binaries";
import { startStack } from "@/tests/integration/harness";
import {
  type ApiClient,
  apiClient,
  NOT_FOUND_BODY,
  speechBytes,
  type TaskModel,
  UNAUTHORIZED_BODY,
  videoBytes,
  waitForTask,
} from "./helpers";

let stack: Awaited<ReturnType<typeof startStack>>;
let alice: ApiClient;
let bob: ApiClient;
let video: { url: string; assetId: string };
let audio: { url: string; assetId: string };
/** Small, so an overflowing upload is cheap to send; the fixtures are about 200 KB. */
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
const scratch = mkdtempSync(path.join(os.tmpdir(), "kling-api-"));

beforeAll(async () => {
  // Private addresses refused (the harness allows them by default for loopback fixtures) and a
  // rate limit the polling of one file stays well under.
  stack = await startStack({
    env: { ALLOW_PRIVATE_URLS: "0", API_RATE_LIMIT_PER_MINUTE: "200", MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) },
  });
  const a = await stack.createUser(`alice-${Date.now()}@example.com`);
  const b = await stack.createUser(`bob-${Date.now()}@example.com`);
  alice = apiClient(stack.baseUrl, a.token);
  bob = apiClient(stack.baseUrl, b.token);
  video = await alice.upload(videoBytes(), "talk.mp4");
  audio = await alice.upload(speechBytes(), "speech.wav");
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("authentication", () => {
  it.each([
    ["no header", {}],
    ["an unknown token", { Authorization: "Bearer not-a-real-token" }],
    ["a token without Bearer", { Authorization: "not-a-real-token" }],
    ["an empty Bearer", { Authorization: "Bearer " }],
  ])("answers %s with the seed's 401", async (_name, headers) => {
    const response = await fetch(`${stack.baseUrl}/v1/kling/videos/lipsync`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify({ video: video.url, audio: audio.url }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(UNAUTHORIZED_BODY);
  });

  it("guards every endpoint", async () => {
    for (const [method, route] of [
      ["GET", "/v1/kling/tasks/1"],
      ["DELETE", "/v1/kling/tasks/1"],
      ["POST", "/v1/kling/assets"],
      ["GET", "/v1/kling/assets/download?workIds=1"],
      ["GET", `/v1/kling/assets/${video.assetId}/talk.mp4`],
      ["GET", "/v1/kling/accounts"],
      ["POST", "/v1/kling/accounts"],
      ["GET", "/v1/kling/accounts/a@example.com"],
      ["DELETE", "/v1/kling/accounts/a@example.com"],
    ]) {
      const response = await fetch(`${stack.baseUrl}${route}`, { method });
      expect([method, route, response.status]).toEqual([method, route, 401]);
      expect(await response.json()).toEqual(UNAUTHORIZED_BODY);
    }
  });
});

describe("POST /videos/lipsync errors (seed bodies, exactly)", () => {
  it.each([
    [{ audio: "https://example.com/audio.mp3" }, "Parameter video is required"],
    [{ video: "https://example.com/video.mp4" }, "Parameter audio is required"],
    [{}, "Parameter video is required"],
  ])("%j → 400 %s", async (body, error) => {
    expect(await alice.postJson("/videos/lipsync", body)).toMatchObject({ status: 400, body: { error } });
    expect((await alice.postJson("/videos/lipsync", body)).body).toEqual({ error });
  });

  it.each([0, 51, "abc", 2.5])("refuses maxJobs %j", async (maxJobs) => {
    const { status, body } = await alice.postJson("/videos/lipsync", { video: video.url, audio: audio.url, maxJobs });
    expect(status).toBe(400);
    expect(body).toEqual({ error: "Parameter maxJobs must be a whole number from 1 to 50" });
  });

  it("answers a URL of ours naming a missing asset with the seed's 404", async () => {
    const missing = video.url.replace(video.assetId, "AAAAAAAAAAAAAAAAAAAAAA");
    const { status, body } = await alice.postJson("/videos/lipsync", { video: missing, audio: audio.url });
    expect(status).toBe(404);
    expect(body).toEqual(NOT_FOUND_BODY);
  });

  it("answers another user's asset exactly like a missing one", async () => {
    const { status, body } = await bob.postJson("/videos/lipsync", { video: video.url, audio: audio.url });
    expect(status).toBe(404);
    expect(body).toEqual(NOT_FOUND_BODY);
  });

  it("refuses private-address URLs for video, audio and replyUrl at submit time", async () => {
    for (const body of [
      { video: "http://127.0.0.1:9/video.mp4", audio: audio.url },
      { video: video.url, audio: "http://10.0.0.1/audio.mp3" },
      { video: video.url, audio: audio.url, replyUrl: "http://169.254.169.254/latest/meta-data" },
      { video: video.url, audio: audio.url, replyUrl: "http://localhost:1/hook" },
    ]) {
      const response = await alice.postJson<{ error: string }>("/videos/lipsync", body);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatch(/^Parameter (video|audio|replyUrl) is refused: /);
    }
  });

  it("refuses a video over 60 seconds", async () => {
    const long = path.join(scratch, "long.mp4");
    execFileSync(ffmpegPath(), ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=2", "-t", "61", "-c:v", "libx264", "-pix_fmt", "yuv420p", long]);
    const asset = await alice.upload(readFileSync(long), "long.mp4");
    const { status, body } = await alice.postJson("/videos/lipsync", { video: asset.url, audio: audio.url });
    expect(status).toBe(400);
    expect(body).toEqual({ error: "Parameter video is 61.0 s long: video cannot be longer than 60 seconds. Trim it and try again." });
  });

  it("wants email when the user has several accounts, and refuses an unknown one", async () => {
    const carol = apiClient(stack.baseUrl, (await stack.createUser(`carol-${Date.now()}@example.com`)).token);
    expect((await carol.postJson("/accounts", { email: "one@example.com", maxJobs: 1 })).status).toBe(200);
    expect((await carol.postJson("/accounts", { email: "two@example.com" })).status).toBe(200);
    const v = await carol.upload(videoBytes(), "v.mp4");
    const a = await carol.upload(speechBytes(), "a.wav");
    const missingEmail = await carol.postJson<{ error: string }>("/videos/lipsync", { video: v.url, audio: a.url });
    expect(missingEmail.status).toBe(400);
    expect(missingEmail.body.error).toMatch(/^Parameter email is required when more than one account is configured/);
    const unknown = await carol.postJson("/videos/lipsync", { email: "three@example.com", video: v.url, audio: a.url });
    expect(unknown).toMatchObject({ status: 400, body: { error: "Account three@example.com is not configured. Add it with POST /v1/kling/accounts or leave email out." } });
  });

  it("refuses a body that is not JSON or not an object, and other content types", async () => {
    const broken = await alice.request("/videos/lipsync", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{nope" });
    expect([broken.status, await broken.json()]).toEqual([400, { error: "The request body is not valid JSON." }]);
    const array = await alice.request("/videos/lipsync", { method: "POST", headers: { "Content-Type": "application/json" }, body: "[]" });
    expect([array.status, await array.json()]).toEqual([400, { error: "The request body must be a JSON object." }]);
    const text = await alice.request("/videos/lipsync", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "hi" });
    expect(text.status).toBe(415);
    const huge = await alice.postJson("/videos/lipsync", { video: video.url, audio: audio.url, replyRef: "x".repeat(100_000) });
    expect(huge.status).toBe(413);
  });
});

describe("assets", () => {
  it("uploads raw and multipart, deciding the type by the bytes", async () => {
    const raw = await alice.upload(speechBytes(), "speech.mp4");
    expect(raw).toMatchObject({ fileName: "speech.wav", contentType: "audio/wav", type: "audio", format: "wav" });
    expect(raw.url).toBe(`${stack.baseUrl}/v1/kling/assets/${raw.assetId}/speech.wav`);

    const form = new FormData();
    form.append("file", new Blob([videoBytes()]), "../../etc/passwd");
    const { status, body } = await alice.json("/assets", { method: "POST", body: form });
    expect(status).toBe(200);
    expect(body).toMatchObject({ fileName: "passwd.mp4", contentType: "video/mp4", type: "video", size: videoBytes().length });
  });

  it("keeps a unicode name readable and neutralises path tricks in ?fileName=", async () => {
    const unicode = await alice.upload(speechBytes(), "Grüße aus Köln 日本.mp3");
    expect(unicode.fileName).toBe("Grüße aus Köln 日本.wav");
    expect((await alice.request(new URL(unicode.url).pathname)).status).toBe(200);
    const tricky = await alice.upload(speechBytes(), "../../etc/passwd");
    expect(tricky.fileName).toBe("passwd.wav");
    expect(tricky.url).toBe(`${stack.baseUrl}/v1/kling/assets/${tricky.assetId}/passwd.wav`);
  });

  it.each([
    ["a PNG", Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex"), "a PNG image"],
    ["zero bytes", Buffer.alloc(0), "an empty file"],
    ["random bytes", Buffer.from("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff01", "hex"), "an unrecognised file type"],
  ])("refuses %s with 400 naming it", async (_name, bytes, description) => {
    const response = await alice.json("/assets", { method: "POST", body: Uint8Array.from(bytes) });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: `Unsupported file type: the file is ${description}. Send a video (MP4, MOV, WebM, MKV, AVI) or an audio file (MP3, WAV, M4A, AAC, OGG, Opus, FLAC).`,
    });
  });

  it("stops an upload that declares more than MAX_UPLOAD_BYTES with 413", async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${stack.baseUrl}/v1/kling/assets`);
      const req = httpRequest(
        url,
        { method: "POST", headers: { Authorization: `Bearer ${alice.token}`, "Content-Length": String(64 * 1024 ** 3) } },
        (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on("error", reject);
      req.write(Buffer.alloc(1024));
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error).toMatch(/larger than the limit of \d+ bytes \(MAX_UPLOAD_BYTES\)/);
  });

  it("cuts off a streamed upload past MAX_UPLOAD_BYTES with 413 and keeps no partial file", async () => {
    const header = videoBytes().subarray(0, 4096);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(Uint8Array.from(header));
        for (let i = 0; i < 48; i++) controller.enqueue(new Uint8Array(64 * 1024));
        controller.close();
      },
    });
    const response = await alice.request("/assets?fileName=big.mp4", { method: "POST", body, duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: `The file is larger than the limit of ${MAX_UPLOAD_BYTES} bytes (MAX_UPLOAD_BYTES). Send a smaller file.`,
    });
    expect(readdirSync(path.join(stack.dataDir, "storage", ".partial"))).toEqual([]);
    expect(await stack.db.asset.count({ where: { fileName: "big.mp4" } })).toBe(0);
  });

  it("writes nothing when a multipart submit carries a file over the limit", async () => {
    const tasksBefore = await stack.db.task.count();
    const assetsBefore = await stack.db.asset.count();
    const form = new FormData();
    form.append("audio", new Blob([speechBytes()]), "voice.wav");
    form.append("video", new Blob([videoBytes().subarray(0, 4096), new Uint8Array(MAX_UPLOAD_BYTES)]), "huge.mp4");
    const { status } = await alice.json("/videos/lipsync", { method: "POST", body: form });
    expect(status).toBe(413);
    expect(await stack.db.task.count()).toBe(tasksBefore);
    expect(await stack.db.asset.count()).toBe(assetsBefore);
    expect(readdirSync(path.join(stack.dataDir, "storage", ".partial"))).toEqual([]);
  });

  it("serves an asset only to its owner, with Range support", async () => {
    const whole = await alice.request(`/assets/${video.assetId}/talk.mp4`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("video/mp4");
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await whole.arrayBuffer()).equals(videoBytes())).toBe(true);

    const part = await alice.request(`/assets/${video.assetId}/talk.mp4`, { headers: { Range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${videoBytes().length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(videoBytes().subarray(100, 200))).toBe(true);

    const past = await alice.request(`/assets/${video.assetId}/talk.mp4`, { headers: { Range: "bytes=999999999-" } });
    expect(past.status).toBe(416);

    const foreign = await bob.json(`/assets/${video.assetId}/talk.mp4`);
    expect(foreign).toMatchObject({ status: 404, body: NOT_FOUND_BODY });
  });
});

describe("accounts", () => {
  it("adds, lists, reads, updates and deletes accounts; another user's is 404", async () => {
    const dave = apiClient(stack.baseUrl, (await stack.createUser(`dave-${Date.now()}@example.com`)).token);
    const created = await dave.postJson("/accounts", { email: "Studio@Example.com", maxJobs: 3 });
    expect(created).toMatchObject({ status: 200, body: { email: "studio@example.com", maxJobs: 3, used: 0 } });
    expect((await dave.postJson("/accounts", { email: "studio@example.com", maxJobs: 5 })).body).toMatchObject({ maxJobs: 5 });
    expect(Object.keys((await dave.json("/accounts")).body)).toContain("studio@example.com");
    expect((await dave.json("/accounts/studio@example.com")).body).toMatchObject({ email: "studio@example.com", maxJobs: 5 });
    expect((await bob.json("/accounts/studio@example.com")).status).toBe(404);
    expect((await dave.postJson("/accounts", { email: "studio@example.com", maxJobs: 99 })).body).toEqual({
      error: "Parameter maxJobs must be a whole number from 1 to 50",
    });
    expect((await dave.request("/accounts/studio@example.com", { method: "DELETE" })).status).toBe(204);
    expect((await dave.json("/accounts/studio@example.com")).status).toBe(404);
  });
});

describe("a task from submit to result", () => {
  let submitted: TaskModel;

  it("answers the seed's fetch example with the seed's model", async () => {
    // The seed's JavaScript example, verbatim but for the URLs (ours) and the host.
    const token = alice.token;
    const apiUrl = `${stack.baseUrl}/v1/kling/videos/lipsync`;
    const response = await fetch(apiUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ video: video.url, audio: audio.url }),
    });
    const result = await response.json();
    expect(response.status).toBe(200);
    expect(result).toMatchObject({
      task: {
        userId: expect.any(Number),
        type: "m2v_video_lip_sync",
        scene: "NORMAL_CREATION",
        status: 5,
        status_name: "submitted",
        status_final: false,
        taskInfo: {
          type: "m2v_video_lip_sync",
          inputs: [
            { name: "video", inputType: "URL", token: null, blobStorage: null, url: video.url, cover: null, fromWorkId: null },
            { name: "audio", inputType: "URL", token: null, blobStorage: null, url: audio.url, cover: null, fromWorkId: null },
          ],
          arguments: [
            { name: "__filename", value: "speech.wav" },
            { name: "__isLocalAudio", value: "true" },
            { name: "biz", value: "klingai" },
          ],
          extraArgs: {},
          callbackPayloads: [],
          scene: "NORMAL_CREATION",
        },
        favored: false,
        deleted: false,
        viewed: false,
      },
      works: [],
      status: 5,
      status_name: "submitted",
      status_final: false,
      message: "",
      limitation: { type: "m2v_video_lip_sync", limit: 10000 },
      userPoints: { points: [], total: 0 },
      userTickets: { ticket: [] },
      editProject: null,
    });
    expect(result.task.id).toEqual(expect.any(Number));
    expect(result.task.createTime).toBeGreaterThan(Date.now() - 60_000);
    submitted = result;
  });

  it("is invisible to another user", async () => {
    expect(await bob.json(`/tasks/${submitted.task.id}`)).toMatchObject({ status: 404, body: { message: "Not Found" } });
    expect((await bob.request(`/tasks/${submitted.task.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("answers ?email= of another account with 404", async () => {
    expect((await alice.json(`/tasks/${submitted.task.id}?email=someone-else@example.com`)).status).toBe(404);
  });

  it("runs to success with a result MP4 and a cover that seek by Range", async () => {
    const seen: TaskModel[] = [];
    const done = await waitForTask(alice, submitted.task.id, 240_000, seen);
    expect(done).toMatchObject({ status: 99, status_name: "succeed", status_final: true, progress: 100, stage: null });
    // While it ran, the model said so: status 10 with a stage and a progress between 0 and 100.
    const running = seen.filter((model) => model.status === 10);
    expect(running.length).toBeGreaterThan(0);
    for (const model of running) {
      expect(model).toMatchObject({ status_name: "processing", status_final: false, works: [] });
      expect(model.progress).toBeGreaterThanOrEqual(0);
      expect(model.progress).toBeLessThanOrEqual(100);
    }
    expect(running.some((model) => typeof model.stage === "string")).toBe(true);
    const work = done.works[0];
    expect(work.resource).toMatchObject({ width: expect.any(Number), height: expect.any(Number) });
    expect(work.resource.duration).toBeGreaterThan(1000);
    // Signed capability URLs (tests/integration/capability-links.test.ts downloads them without a token).
    expect(work.resource.resource).toMatch(new RegExp(`^${stack.baseUrl}/v1/kling/assets/[A-Za-z0-9_-]+/lipsync-${submitted.task.id}\\.mp4\\?task=`));

    const resultPath = new URL(work.resource.resource).pathname;
    const head = await alice.request(resultPath, { headers: { Range: "bytes=0-15" } });
    expect(head.status).toBe(206);
    expect(head.headers.get("content-type")).toBe("video/mp4");
    expect(head.headers.get("content-range")).toMatch(/^bytes 0-15\/\d+$/);
    expect(Buffer.from(await head.arrayBuffer()).subarray(4, 8).toString("latin1")).toBe("ftyp");

    const cover = await alice.request(new URL(work.cover!.resource).pathname);
    expect([cover.status, cover.headers.get("content-type")]).toEqual([200, "image/jpeg"]);

    expect((await bob.request(resultPath)).status).toBe(404);

    const download = await alice.json<{ cdnUrl: string }>(`/assets/download?workIds=${work.workId}&fileTypes=MP4`);
    expect(download.status).toBe(200);
    expect(new URL(download.body.cdnUrl).pathname).toBe(resultPath);
    expect((await bob.json(`/assets/download?workIds=${work.workId}&fileTypes=MP4`)).status).toBe(404);
  });

  it("deletes a finished task with its files", async () => {
    const done = await waitForTask(alice, submitted.task.id);
    const resultPath = new URL(done.works[0].resource.resource).pathname;
    expect((await alice.request(`/tasks/${submitted.task.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await alice.json(`/tasks/${submitted.task.id}`)).status).toBe(404);
    expect((await alice.json(resultPath)).status).toBe(404);
    // The uploaded inputs stay usable.
    expect((await alice.request(new URL(video.url).pathname)).status).toBe(200);
  });

  it("takes files in a multipart submit and cancels a waiting task", async () => {
    const form = new FormData();
    form.append("video", new Blob([videoBytes()]), "face.mp4");
    form.append("audio", new Blob([speechBytes()]), "voice.wav");
    form.append("replyRef", "ref-1");
    const { status, body } = await alice.json<TaskModel & { task: { taskInfo: { inputs: Array<{ url: string }> } } }>(
      "/videos/lipsync",
      { method: "POST", body: form },
    );
    expect(status).toBe(200);
    expect(body.task.taskInfo.inputs[0].url).toMatch(new RegExp(`^${stack.baseUrl}/v1/kling/assets/[A-Za-z0-9_-]+/face\\.mp4$`));
    expect(body.task.taskInfo.inputs[1].url).toMatch(/\/voice\.wav$/);

    const cancelled = await alice.json<TaskModel>(`/tasks/${body.task.id}`, { method: "DELETE" });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 50, status_name: "failed", status_final: true, errorCode: "CANCELLED" } });
    expect(cancelled.body.error).toEqual(expect.any(String));
  });

  it("keeps nothing from a refused multipart submit", async () => {
    const before = Object.values((await alice.json<Record<string, { used: number }>>("/accounts")).body)[0].used;
    const form = new FormData();
    form.append("video", new Blob([videoBytes()]), "face.mp4");
    const { status, body } = await alice.json("/videos/lipsync", { method: "POST", body: form });
    expect([status, body]).toEqual([400, { error: "Parameter audio is required" }]);
    const after = Object.values((await alice.json<Record<string, { used: number }>>("/accounts")).body)[0].used;
    expect(after).toBe(before);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a token is over its limit", async () => {
    const erin = apiClient(stack.baseUrl, (await stack.createUser(`erin-${Date.now()}@example.com`)).token);
    const first = await erin.request("/accounts");
    const limit = Number(first.headers.get("x-ratelimit-limit"));
    expect(limit).toBeGreaterThan(0);
    let last = first;
    for (let i = 1; i <= limit && last.status !== 429; i++) last = await erin.request("/accounts");
    expect(last.status).toBe(429);
    const retryAfter = Number(last.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await last.json()).toMatchObject({ code: 429, error: expect.stringContaining("Too many requests") });
    // Other tokens are not affected.
    expect((await alice.request("/accounts")).status).toBe(200);
  });
});

describe("OpenAPI", () => {
  it("serves the document without a token, and the docs page", async () => {
    const response = await fetch(`${stack.baseUrl}/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/videos/lipsync");
    const page = await fetch(`${stack.baseUrl}/docs/api`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/v1/kling/videos/lipsync");
  });
});
