/**
 * Tasks through the whole stack (tests/integration/harness: the web server, two workers, embedded
 * PostgreSQL), with URL inputs and callbacks on a loopback server: the API saves and queues,
 * workers run, a worker killed mid-job is replaced without a second result.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskWebhooksResponse } from "@/lib/api/tasks/schemas";
import { verifySignature } from "@/lib/webhooks/sign-payload";
import { apiClient, type ApiClient, type TaskModel, waitForTask } from "@/tests/api/helpers";
import { ffmpeg, FIXTURE_VIDEO, probeStreams } from "@/tests/helpers/media";
import { type Stack, type StackUser, startStack, tempDir } from "@/tests/integration/harness";
import { type LoopbackServer, startLoopbackServer } from "./helpers/loopback-server";

let loop: LoopbackServer;
let stack: Stack;
let user: StackUser;
let client: ApiClient;
let inputFrames: number;
const scratch = tempDir("lipsync-api-flow-");

beforeAll(async () => {
  loop = await startLoopbackServer();
  const long = path.join(scratch, "long.mp4");
  await ffmpeg("-stream_loop", "2", "-i", FIXTURE_VIDEO, "-an", "-c:v", "libx264", "-preset", "ultrafast", long);
  loop.serve.set("/long.mp4", long);
  inputFrames = (await probeStreams(FIXTURE_VIDEO)).video!.frames!;
  // Polling a task every 500 ms for minutes is 120 requests a minute: not what this file tests.
  stack = await startStack({ workers: 2, env: { WORKER_STALE_SECONDS: "10", API_RATE_LIMIT_PER_MINUTE: "1000" } });
  user = await stack.createUser();
  client = apiClient(stack.baseUrl, user.token);
}, 900_000);

afterAll(async () => {
  await stack?.stop();
  await loop?.stop();
  await rm(scratch, { recursive: true, force: true });
});

async function submit(body: Record<string, unknown>): Promise<TaskModel> {
  const { status, body: model } = await client.postJson<TaskModel>("/videos/lipsync", body);
  expect(status, JSON.stringify(model)).toBe(200);
  expect(model.status).toBe(5);
  return model;
}

async function untilTask(id: number, check: (model: TaskModel) => boolean, timeoutMs = 120_000): Promise<TaskModel> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await client.json<TaskModel>(`/tasks/${id}`);
    if (check(body)) return body;
    if (Date.now() > deadline) throw new Error(`task ${id}: condition not met in ${timeoutMs} ms: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("tasks through the API and the workers", () => {
  it("runs a URL task to a downloadable result, with signed callbacks in order", async () => {
    const submitted = await submit({
      video: `${loop.files}/astronaut.mp4`,
      audio: `${loop.files}/speech.wav`,
      replyUrl: loop.hookUrl,
      replyRef: "api-flow-1",
    });
    const id = submitted.task.id;
    const done = await waitForTask(client, id, 180_000);
    expect(done.status_name).toBe("succeed");
    expect(done.progress).toBe(100);

    const result = await client.request(new URL(done.works[0].resource.resource).pathname);
    expect(result.status).toBe(200);
    const file = path.join(scratch, `result-${id}.mp4`);
    await writeFile(file, Buffer.from(await result.arrayBuffer()));
    expect((await probeStreams(file)).video?.frames).toBe(inputFrames);

    const hooks = await waitForHooks(id, "succeed");
    expect(hooks.map((hook) => hook.headers["x-lipsync-event"])).toEqual(["submitted", "processing", "progress", "progress", "progress", "succeed"]);
    for (const hook of hooks) {
      expect(verifySignature(user.webhookSecret, hook.headers["x-lipsync-signature"] as string, hook.body).ok).toBe(true);
      expect(hook.json.replyRef).toBe("api-flow-1");
    }
    // The callback's works are the task's, with URLs signed when it was sent (their expiry can be a
    // second off the later GET's): compare them unsigned, and check the callback's own URL downloads.
    const last = hooks[hooks.length - 1].json;
    expect(last).toMatchObject({ status: 99, status_final: true });
    const lastWorks = last.works as TaskModel["works"];
    expect(withoutSignatures(lastWorks)).toEqual(withoutSignatures(done.works));
    expect((await fetch(lastWorks[0].resource.resource)).status).toBe(200);

    // Every delivery and its attempts are readable through the API, by the owner only (the last
    // one is marked delivered just after the receiver answered: poll briefly).
    let body: TaskWebhooksResponse = { deliveries: [] };
    for (let tries = 0; tries < 50; tries++) {
      const listing = await client.json<TaskWebhooksResponse>(`/tasks/${id}/webhooks`);
      expect(listing.status).toBe(200);
      body = listing.body;
      if (body.deliveries.length === 6 && body.deliveries.every((d) => d.state === "delivered")) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(body.deliveries.map((d) => d.event)).toEqual(["submitted", "processing", "progress", "progress", "progress", "succeed"]);
    for (const delivery of body.deliveries) {
      expect(delivery).toMatchObject({ state: "delivered", statusCode: 200, url: loop.hookUrl });
      expect(delivery.tries.at(-1)).toMatchObject({ statusCode: 200, error: null });
    }
    const stranger = apiClient(stack.baseUrl, (await stack.createUser()).token);
    expect((await stranger.json(`/tasks/${id}/webhooks`)).status).toBe(404);
  });

  it("fails a task whose input URL answers 404 with a specific error", async () => {
    const submitted = await submit({ video: `${loop.files}/status/404`, audio: `${loop.files}/speech.wav` });
    const done = await waitForTask(client, submitted.task.id, 60_000);
    expect(done).toMatchObject({ status: 50, status_name: "failed", errorCode: "INPUT_DOWNLOAD_FAILED" });
    expect(done.error).toContain("404 Not Found");
  });

  it("finishes a task once, with one result, when the worker running it is killed", async () => {
    const submitted = await submit({ video: `${loop.files}/long.mp4`, audio: `${loop.files}/speech.wav`, replyUrl: loop.hookUrl });
    const id = submitted.task.id;
    await untilTask(id, (model) => model.status === 10 && model.progress >= 10);
    // Find the worker that runs it from the worker logs, and kill it.
    const logs = await Promise.all(stack.workers.map((_, i) => readFile(path.join(stack.dataDir, "logs", `worker-${i + 1}.log`), "utf8")));
    const index = logs.findIndex((log) => new RegExp(`"taskId":${id},[^\n]*attempt 1 started`).test(log));
    expect(index).toBeGreaterThanOrEqual(0);
    stack.workers[index].kill("SIGKILL");

    const done = await waitForTask(client, id, 240_000);
    expect(done.status_name).toBe("succeed");
    const row = await stack.db.task.findUniqueOrThrow({ where: { id } });
    expect(row.attempt).toBe(2);
    expect(await stack.db.asset.count({ where: { userId: user.userId, kind: "result", id: row.resultAssetId! } })).toBe(1);
    const results = await stack.db.asset.findMany({ where: { userId: user.userId, kind: "result" } });
    const tasks = await stack.db.task.findMany({ where: { userId: user.userId, status: 99 } });
    expect(results.map((asset) => asset.id).sort()).toEqual(tasks.map((task) => task.resultAssetId).sort());
    const events = (await waitForHooks(id, "succeed")).map((hook) => hook.headers["x-lipsync-event"]);
    expect(events.filter((event) => event === "succeed")).toHaveLength(1);
    await stack.startWorker();
  });

  it("keeps an account to maxJobs running tasks (maxJobs from the request)", async () => {
    const first = await submit({ video: `${loop.files}/astronaut.mp4`, audio: `${loop.files}/speech.wav`, maxJobs: 1 });
    const second = await submit({ video: `${loop.files}/astronaut.mp4`, audio: `${loop.files}/speech.wav` });
    let most = 0;
    const deadline = Date.now() + 240_000;
    for (;;) {
      const models = await Promise.all([first, second].map(async (model) => (await client.json<TaskModel>(`/tasks/${model.task.id}`)).body));
      most = Math.max(most, models.filter((model) => model.status === 10).length);
      if (models.every((model) => model.status_final)) {
        expect(models.map((model) => model.status_name)).toEqual(["succeed", "succeed"]);
        break;
      }
      if (Date.now() > deadline) throw new Error("the two tasks did not finish");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(most).toBe(1);
  });
});

async function waitForHooks(taskId: number, lastEvent: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const hooks = loop.hooksOf(taskId);
    if (hooks.some((hook) => hook.headers["x-lipsync-event"] === lastEvent)) return hooks;
    if (Date.now() > deadline) throw new Error(`no ${lastEvent} callback for task ${taskId}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The works with each signed URL cut at its query (expiry and signature). */
function withoutSignatures(works: unknown): unknown {
  return JSON.parse(JSON.stringify(works), (_key, value) => (typeof value === "string" && value.includes("signature=") ? value.split("?")[0] : value));
}
