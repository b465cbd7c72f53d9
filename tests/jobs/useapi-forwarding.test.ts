/**
 * Accounts of provider useapi, end to end on a whole stack (the web server, a real worker process,
 * embedded PostgreSQL) against the useapi contract server (tests/helpers/useapi-contract-server.ts).
 * Each case uses its own account whose token picks the contract server's behaviour.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callbackSignature } from "@/lib/useapi/callback-signature";
import { type ApiClient, apiClient, speechBytes, type TaskModel, videoBytes, waitForTask } from "@/tests/api/helpers";
import { CONTRACT_KLING_EMAIL, type ContractServer, startUseapiContractServer } from "@/tests/helpers/useapi-contract-server";
import { type Stack, startStack } from "@/tests/integration/harness";

// One key for this process and the stack's (the harness passes process.env on): the test signs callbacks.
vi.hoisted(() => {
  process.env.SECRETS_KEY = "useapi-forwarding-test-secrets-key-0123456789";
});

let stack: Stack;
let upstream: ContractServer;
let client: ApiClient;
let userEmail: string;
let video: { url: string };
let audio: { url: string };

beforeAll(async () => {
  upstream = await startUseapiContractServer();
  stack = await startStack({
    workers: 1,
    // USEAPI_BASE_URL is operator config: it may point at loopback; user URLs keep the guard.
    env: { USEAPI_BASE_URL: upstream.baseUrl, WORKER_STALE_SECONDS: "10", API_RATE_LIMIT_PER_MINUTE: "100000", ALLOW_PRIVATE_URLS: "0" },
  });
  const user = await stack.createUser();
  userEmail = user.email;
  client = apiClient(stack.baseUrl, user.token);
  video = await client.upload(videoBytes(), "face.mp4");
  audio = await client.upload(speechBytes(), "speech.wav");
}, 900_000);

afterAll(async () => {
  await stack?.stop();
  await upstream?.stop();
});

async function addAccount(scenario: string, extra: Record<string, unknown> = {}) {
  return client.postJson<Record<string, unknown>>("/accounts", {
    email: `${scenario}@studio.test`,
    maxJobs: 3,
    provider: "useapi",
    useapiToken: `user:1-${scenario}`,
    useapiEmail: CONTRACT_KLING_EMAIL,
    ...extra,
  });
}

async function runTask(scenario: string): Promise<{ id: number; final: TaskModel; seen: TaskModel[] }> {
  const added = await addAccount(scenario);
  expect(added.status, JSON.stringify(added.body)).toBe(200);
  const submitted = await client.postJson<TaskModel>("/videos/lipsync", { email: `${scenario}@studio.test`, video: video.url, audio: audio.url });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const seen: TaskModel[] = [];
  const final = await waitForTask(client, submitted.body.task.id, 180_000, seen);
  return { id: submitted.body.task.id, final, seen };
}

describe("useapi accounts", () => {
  it("are added only with a working token, show its last 4 characters only, and keep it encrypted", async () => {
    const added = await addAccount("ok");
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ provider: "useapi", useapiEmail: CONTRACT_KLING_EMAIL, useapiTokenLast4: "1-ok" });
    expect(JSON.stringify(added.body)).not.toContain("user:1-ok");
    const listed = await client.json<Record<string, Record<string, unknown>>>("/accounts");
    expect(listed.body["ok@studio.test"]).toMatchObject({ provider: "useapi", useapiTokenLast4: "1-ok" });
    expect(listed.body[userEmail] ?? { provider: "local" }).toMatchObject({ provider: "local" });
    const row = await stack.db.account.findFirstOrThrow({ where: { email: "ok@studio.test" } });
    expect(row.useapiTokenEnc).toMatch(/^v1\./);
    expect(row.useapiTokenEnc).not.toContain("user:1-ok");

    const wrong = await addAccount("wrong", { email: "wrong@studio.test" });
    expect([wrong.status, wrong.body.error]).toEqual([400, expect.stringContaining("refused the token (401")]);
    const unpaid = await addAccount("unpaid");
    expect([unpaid.status, unpaid.body.error]).toEqual([402, expect.stringContaining("subscription is required")]);
    const otherKling = await addAccount("ok", { email: "other@studio.test", useapiEmail: "missing@example.com" });
    expect([otherKling.status, otherKling.body.error]).toEqual([400, expect.stringContaining("missing@example.com is not configured at useapi.net")]);
    expect(await stack.db.account.count({ where: { email: { in: ["wrong@studio.test", "unpaid@studio.test", "other@studio.test"] } } })).toBe(0);
    // Today's clients: no provider means local, as before.
    const local = await client.postJson<Record<string, unknown>>("/accounts", { email: "plain@studio.test", maxJobs: 2 });
    expect(local.body).toMatchObject({ provider: "local", maxJobs: 2 });
    expect(local.body).not.toHaveProperty("useapiTokenLast4");
  });

  it("forwards a task (task.id answer shape): one upload per input, one submit, result kept in our storage", async () => {
    const { id, final, seen } = await runTask("ok");
    expect(final, JSON.stringify(final)).toMatchObject({ status: 99, status_name: "succeed" });
    expect(seen.some((model) => model.status === 10)).toBe(true);
    expect(upstream.submits("ok")).toBe(1);
    const row = await stack.db.task.findUniqueOrThrow({ where: { id } });
    expect(row.upstreamTaskId).toMatch(/^\d+$/);
    expect(row.upstreamStatus).toBe("succeed");
    expect((final as unknown as { upstream: unknown }).upstream).toEqual({ provider: "useapi", taskId: row.upstreamTaskId, status: "succeed" });
    const resultUrl = final.works[0].resource.resource;
    expect(resultUrl.startsWith(stack.baseUrl)).toBe(true);
    const response = await client.request(resultUrl.slice(stack.baseUrl.length));
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(videoBytes())).toBe(true);
    // The audio went up trimmed to MP3, the video as it is.
    const kinds = [...upstream.assets.values()].map((asset) => asset.contentType);
    expect(kinds).toEqual(expect.arrayContaining(["video/mp4", "audio/mpeg"]));
  });

  it("accepts the flat { id } submit answer", async () => {
    const { final } = await runTask("flat");
    expect(final.status_name).toBe("succeed");
    expect(upstream.submits("flat")).toBe(1);
  });

  it("waits out a 429 burst (Retry-After) with the task still submitted, then submits once", async () => {
    const { final, seen } = await runTask("busy");
    expect(final.status_name).toBe("succeed");
    expect(upstream.submits("busy")).toBe(4); // three 429s, one accepted
    expect(seen.some((model) => model.status === 5)).toBe(true);
  });

  it("survives a connection dropped mid-poll", async () => {
    const { final } = await runTask("drop");
    expect(final.status_name).toBe("succeed");
  });

  it("follows a long-running upstream task; a signed callback only moves its next poll to now", async () => {
    const added = await addAccount("slow");
    expect(added.status).toBe(200);
    const submitted = await client.postJson<TaskModel>("/videos/lipsync", { email: "slow@studio.test", video: video.url, audio: audio.url });
    const id = submitted.body.task.id;
    for (let i = 0; i < 600; i++) {
      const row = await stack.db.task.findUniqueOrThrow({ where: { id } });
      if (row.upstreamStatus === "processing") break;
      await sleep(100);
    }
    const upstreamTask = [...upstream.tasks.values()].find((task) => task.scenario === "slow");
    expect(upstreamTask?.replyUrl).toBe(`${stack.baseUrl}/v1/useapi/callback/${id}?sig=${callbackSignature(id)}`);
    const forged = await fetch(`${stack.baseUrl}/v1/useapi/callback/${id}?sig=forged`, { method: "POST", body: "{}" });
    expect(forged.status).toBe(404);
    // Wait for a poll scheduled at least 2.5 s ahead, then call back: the poll comes within about a second.
    let due = 0;
    for (let i = 0; i < 200 && due - Date.now() < 2500; i++) {
      const [job] = await stack.db.$queryRawUnsafe<{ due: Date }[]>(
        `SELECT start_after AS due FROM pgboss.job WHERE name = 'useapi-poll' AND state = 'created' AND data->>'taskId' = $1`,
        String(id),
      );
      due = job?.due.getTime() ?? 0;
      if (due - Date.now() < 2500) await sleep(50);
    }
    expect(due - Date.now()).toBeGreaterThan(2000);
    const polls = upstreamTask?.polls ?? 0;
    const calledAt = Date.now();
    const callback = await fetch(upstreamTask?.replyUrl ?? "", { method: "POST", body: JSON.stringify({ status_final: true, status_name: "succeed" }) });
    expect(callback.status).toBe(200);
    // The forged "succeed" body decided nothing: the task is still processing.
    expect((await stack.db.task.findUniqueOrThrow({ where: { id } })).status).toBe(10);
    while ((upstreamTask?.polls ?? 0) === polls && Date.now() < due) await sleep(20);
    expect(upstreamTask?.polls).toBeGreaterThan(polls);
    expect(due - Date.now(), `the poll came ${Date.now() - calledAt} ms after the callback`).toBeGreaterThan(300);
    const seen: TaskModel[] = [];
    const final = await waitForTask(client, id, 180_000, seen);
    expect(final.status_name).toBe("succeed");
    expect(upstreamTask?.polls).toBe(7);
  });

  it.each([
    ["revoked", "UPSTREAM_UNAUTHORIZED", "refused the account's API token"],
    ["nosub", "UPSTREAM_SUBSCRIPTION", "subscription"],
    ["moderation", "UPSTREAM_MODERATION", "community guidelines"],
    ["gone", "UPSTREAM_NOT_FOUND", "no longer knows the Kling task"],
    ["failed", "UPSTREAM_FAILED", "no face detected"],
  ])("maps %s to %s with the upstream's text", async (scenario, code, text) => {
    const { final } = await runTask(scenario);
    expect(final).toMatchObject({ status: 50, errorCode: code });
    expect(final.error).toContain(text);
  });

  it("a worker SIGKILLed while its submit is upstream: the task ends once, with one upstream submit", async () => {
    const added = await addAccount("hang");
    expect(added.status).toBe(200);
    const submitted = await client.postJson<TaskModel>("/videos/lipsync", { email: "hang@studio.test", video: video.url, audio: audio.url });
    const id = submitted.body.task.id;
    for (let i = 0; i < 600 && upstream.submits("hang") === 0; i++) await sleep(100);
    expect(upstream.submits("hang")).toBe(1);
    stack.workers[stack.workers.length - 1].kill("SIGKILL");
    await stack.startWorker();
    const final = await waitForTask(client, id, 180_000);
    expect(final.status_name).toBe("succeed");
    expect(upstream.submits("hang")).toBe(1);
    const deliveries = await stack.db.task.findUniqueOrThrow({ where: { id } });
    expect(deliveries.status).toBe(99);
  });

  it("a worker SIGKILLed while following an upstream task: another takes the polling over, the task ends once, one submit", async () => {
    expect((await addAccount("slowkill")).status).toBe(200);
    const submitted = await client.postJson<TaskModel>("/videos/lipsync", { email: "slowkill@studio.test", video: video.url, audio: audio.url });
    const id = submitted.body.task.id;
    const upstreamTask = () => [...upstream.tasks.values()].find((task) => task.scenario === "slowkill");
    for (let i = 0; i < 600 && (upstreamTask()?.polls ?? 0) < 2; i++) await sleep(100);
    expect(upstreamTask()?.polls).toBeGreaterThanOrEqual(2);
    stack.workers[stack.workers.length - 1].kill("SIGKILL");
    await stack.startWorker();
    const final = await waitForTask(client, id, 180_000);
    expect(final.status_name).toBe("succeed");
    expect(upstream.submits("slowkill")).toBe(1);
    // The new worker went on from the waiting poll job (same attempt) or, had none been left, took over.
    const row = await stack.db.task.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe(99);
    expect(await stack.db.asset.count({ where: { id: row.resultAssetId ?? "" } })).toBe(1);
  });

  it("DELETE of a task running at Kling: cancelled here, useapi stops tracking it, and the error says Kling may still finish it", async () => {
    expect((await addAccount("slowcancel")).status).toBe(200);
    const submitted = await client.postJson<TaskModel>("/videos/lipsync", { email: "slowcancel@studio.test", video: video.url, audio: audio.url });
    const id = submitted.body.task.id;
    const upstreamTask = () => [...upstream.tasks.values()].find((task) => task.scenario === "slowcancel");
    for (let i = 0; i < 600 && (upstreamTask()?.polls ?? 0) < 1; i++) await sleep(100);
    const cancelled = await client.json<TaskModel>(`/tasks/${id}`, { method: "DELETE" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 50, errorCode: "CANCELLED" });
    expect(cancelled.body.error).toContain(`running at Kling as task ${upstreamTask()?.id}`);
    expect(cancelled.body.error).toContain("Kling may still finish it");
    expect(upstreamTask()?.stopped).toBe(true);
    const polls = upstreamTask()?.polls ?? 0;
    await sleep(6_000);
    expect(upstreamTask()?.polls).toBe(polls);
    expect((await stack.db.task.findUniqueOrThrow({ where: { id } })).status).toBe(50);
  });
});
