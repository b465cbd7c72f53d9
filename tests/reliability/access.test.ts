/**
 * Access control over real HTTP: every /v1 route without a token, with malformed, unknown and
 * revoked tokens (401 in the Kling shape), and with another user's ids (404 exactly like a
 * missing resource, never 403, and nothing changed); security headers on pages and API answers.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESOURCE_NOT_FOUND } from "@/lib/api/errors";
import { createToken } from "@/lib/api/tokens/create-token";
import { revokeToken } from "@/lib/api/tokens/revoke-token";
import { type ApiClient, apiClient, NOT_FOUND_BODY, speechBytes, UNAUTHORIZED_BODY, waitForTask } from "@/tests/api/helpers";
import { ffmpeg, FIXTURE_VIDEO } from "@/tests/helpers/media";
import { type Stack, type StackUser, startStack, tempDir } from "@/tests/integration/harness";
import { type LoopbackServer, startLoopbackServer } from "@/tests/jobs/helpers/loopback-server";

const scratch = tempDir("lipsync-access-");
let stack: Stack;
let loop: LoopbackServer;
let alice: StackUser;
let aliceApi: ApiClient;
let bobApi: ApiClient;
let revoked: string;
/** Alice's things, which Bob tries to reach. */
const own = { taskId: 0, asset: "", assetName: "", result: "", resultName: "" };

type Route = { method: "GET" | "POST" | "DELETE" | "HEAD"; path: () => string; body?: () => BodyInit; json?: boolean };

const ROUTES: Route[] = [
  { method: "POST", path: () => "/v1/kling/videos/lipsync", json: true, body: () => JSON.stringify({ video: assetUrl(own.asset, own.assetName), audio: assetUrl(own.asset, own.assetName) }) },
  { method: "GET", path: () => `/v1/kling/tasks/${own.taskId}` },
  { method: "DELETE", path: () => `/v1/kling/tasks/${own.taskId}` },
  { method: "GET", path: () => `/v1/kling/tasks/${own.taskId}/webhooks` },
  { method: "POST", path: () => "/v1/kling/assets?fileName=a.wav", body: () => Uint8Array.from(speechBytes()) },
  { method: "GET", path: () => `/v1/kling/assets/${own.asset}/${own.assetName}` },
  { method: "HEAD", path: () => `/v1/kling/assets/${own.result}/${own.resultName}` },
  { method: "GET", path: () => `/v1/kling/assets/download?workIds=${own.taskId}&fileTypes=MP4` },
  { method: "GET", path: () => "/v1/kling/accounts" },
  { method: "POST", path: () => "/v1/kling/accounts", json: true, body: () => JSON.stringify({ email: "new@example.com", maxJobs: 2 }) },
  { method: "GET", path: () => `/v1/kling/accounts/${encodeURIComponent(alice.email)}` },
  { method: "DELETE", path: () => `/v1/kling/accounts/${encodeURIComponent(alice.email)}` },
];

const assetUrl = (id: string, name: string) => `${stack.baseUrl}/v1/kling/assets/${id}/${name}`;
const call = (route: Route, headers: Record<string, string>, suffix = "") =>
  fetch(`${stack.baseUrl}${route.path()}${suffix}`, {
    method: route.method,
    headers: { ...(route.json ? { "Content-Type": "application/json" } : {}), ...headers },
    body: route.body?.(),
  });

beforeAll(async () => {
  const face = path.join(scratch, "face.mp4");
  await ffmpeg("-i", FIXTURE_VIDEO, "-t", "2", "-an", "-c:v", "libx264", "-preset", "ultrafast", face);
  loop = await startLoopbackServer();
  stack = await startStack({ workers: 1, env: { API_RATE_LIMIT_PER_MINUTE: "100000" } });
  alice = await stack.createUser("alice@example.com");
  aliceApi = apiClient(stack.baseUrl, alice.token);
  bobApi = apiClient(stack.baseUrl, (await stack.createUser("bob@example.com")).token);
  const spare = await createToken({ userId: alice.userId, name: "to revoke" });
  expect(await revokeToken({ id: spare.id })).toBe(true);
  revoked = spare.token;

  const video = await aliceApi.upload(readFileSync(face), "face.mp4");
  const audio = await aliceApi.upload(speechBytes(), "speech.wav");
  Object.assign(own, { asset: video.assetId, assetName: video.fileName });
  const submitted = await aliceApi.postJson<{ task: { id: number } }>("/videos/lipsync", { video: video.url, audio: audio.url, replyUrl: loop.hookUrl });
  own.taskId = submitted.body.task.id;
  const done = await waitForTask(aliceApi, own.taskId, 180_000);
  expect(done.status_name).toBe("succeed");
  const result = new URL(done.works[0].resource.resource).pathname.split("/");
  Object.assign(own, { result: result[result.length - 2], resultName: result[result.length - 1] });
}, 900_000);

afterAll(async () => {
  await stack?.stop();
  await loop?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("every route refuses requests without a valid token", () => {
  const credentials: Array<[string, () => Record<string, string>, (() => string)?]> = [
    ["no Authorization header", () => ({})],
    ["a malformed token", () => ({ Authorization: "Bearer not-a-token" })],
    ["a well-formed unknown token", () => ({ Authorization: `Bearer lss_${"A".repeat(43)}` })],
    ["a revoked token", () => ({ Authorization: `Bearer ${revoked}` })],
    ["another scheme (Basic)", () => ({ Authorization: `Basic ${Buffer.from(`alice:${alice.token}`).toString("base64")}` })],
    ["a valid token in the query string", () => ({}), () => `token=${alice.token}`],
  ];

  it.each(credentials)(`%s → 401 on all ${ROUTES.length} routes`, async (_name, headers, query) => {
    for (const route of ROUTES) {
      const suffix = query ? `${route.path().includes("?") ? "&" : "?"}${query()}` : "";
      const response = await call(route, headers(), suffix);
      const label = `${route.method} ${route.path()}`;
      expect([label, response.status]).toEqual([label, 401]);
      if (route.method !== "HEAD") expect([label, await response.json()]).toEqual([label, UNAUTHORIZED_BODY]);
    }
  });

  it("changed nothing: Alice's task, files and account are all still there", async () => {
    expect((await aliceApi.json(`/tasks/${own.taskId}`)).status).toBe(200);
    expect((await aliceApi.request(`/assets/${own.result}/${own.resultName}`)).status).toBe(200);
    expect((await aliceApi.json(`/accounts/${encodeURIComponent(alice.email)}`)).status).toBe(200);
    expect(await stack.db.asset.count({ where: { userId: alice.userId, kind: "upload" } })).toBe(2);
  });

  it("leaves the public documents open", async () => {
    expect((await fetch(`${stack.baseUrl}/v1/openapi.json`)).status).toBe(200);
    const unknown = await fetch(`${stack.baseUrl}/v1/kling/nothing-here`);
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: "No such endpoint: GET /v1/kling/nothing-here. See /docs/api.", message: "Not Found" }]);
  });
});

describe("another user's ids answer 404, exactly like missing ones, and change nothing", () => {
  const taskNotFound = (id: number | string) => ({ error: `Task ${id} was not found. Use the task.id returned by POST /v1/kling/videos/lipsync.`, message: "Not Found" });
  const workNotFound = (id: number) => ({
    error: `Work ${id} was not found: use works[0].workId of a succeeded task (GET /v1/kling/tasks/{task_id}).`,
    message: "Not Found",
  });
  const accountNotFound = (email: string) => ({ error: `Account ${email} is not configured. Add it with POST /v1/kling/accounts.`, message: "Not Found" });

  it.each([
    ["GET the task", () => bobApi.json(`/tasks/${own.taskId}`), () => taskNotFound(own.taskId)],
    ["GET the task for Alice's account email", () => bobApi.json(`/tasks/${own.taskId}?email=${encodeURIComponent(alice.email)}`), () => taskNotFound(own.taskId)],
    ["DELETE the task", () => bobApi.json(`/tasks/${own.taskId}`, { method: "DELETE" }), () => taskNotFound(own.taskId)],
    ["GET the task's webhooks", () => bobApi.json(`/tasks/${own.taskId}/webhooks`), () => taskNotFound(own.taskId)],
    ["GET the uploaded file", () => bobApi.json(`/assets/${own.asset}/${own.assetName}`), () => NOT_FOUND_BODY],
    ["GET the result file", () => bobApi.json(`/assets/${own.result}/${own.resultName}`), () => NOT_FOUND_BODY],
    ["GET the download URL", () => bobApi.json(`/assets/download?workIds=${own.taskId}&fileTypes=MP4`), () => workNotFound(own.taskId)],
    ["GET the account", () => bobApi.json(`/accounts/${encodeURIComponent(alice.email)}`), () => accountNotFound(alice.email)],
    ["DELETE the account", () => bobApi.json(`/accounts/${encodeURIComponent(alice.email)}`, { method: "DELETE" }), () => accountNotFound(alice.email)],
    [
      "submit with Alice's uploads",
      () => bobApi.postJson("/videos/lipsync", { video: assetUrl(own.asset, own.assetName), audio: assetUrl(own.asset, own.assetName) }),
      () => NOT_FOUND_BODY,
    ],
  ])("%s → 404", async (_name, send, expected) => {
    const response = await send();
    expect([response.status, response.body]).toEqual([404, expected()]);
  });

  it("answers a missing id with the very same bodies", async () => {
    const missingTask = own.taskId + 1000;
    expect((await aliceApi.json(`/tasks/${missingTask}`)).body).toEqual(taskNotFound(missingTask));
    expect((await aliceApi.json(`/assets/download?workIds=${missingTask}`)).body).toEqual(workNotFound(missingTask));
    expect((await aliceApi.json(`/assets/AAAAAAAAAAAAAAAAAAAAAA/${own.assetName}`)).body).toEqual({ error: RESOURCE_NOT_FOUND, message: "Not Found" });
    expect((await aliceApi.json("/accounts/nobody@example.com")).body).toEqual(accountNotFound("nobody@example.com"));
    const head = await bobApi.request(`/assets/${own.result}/${own.resultName}`, { method: "HEAD" });
    expect(head.status).toBe(404);
  });

  it("shows Bob only his own accounts, and his account of the same name is his alone", async () => {
    expect(Object.keys((await bobApi.json("/accounts")).body)).toEqual(["bob@example.com"]);
    expect((await bobApi.postJson("/accounts", { email: alice.email, maxJobs: 7 })).status).toBe(200);
    expect((await aliceApi.json<{ maxJobs: number }>(`/accounts/${encodeURIComponent(alice.email)}`)).body.maxJobs).toBe(1);
    expect((await bobApi.request(`/accounts/${encodeURIComponent(alice.email)}`, { method: "DELETE" })).status).toBe(204);
  });

  it("left Alice's task, files, callbacks and account untouched", async () => {
    const task = await aliceApi.json<{ status_name: string }>(`/tasks/${own.taskId}`);
    expect([task.status, task.body.status_name]).toEqual([200, "succeed"]);
    expect((await aliceApi.request(`/assets/${own.result}/${own.resultName}`)).status).toBe(200);
    expect((await aliceApi.json<{ deliveries: unknown[] }>(`/tasks/${own.taskId}/webhooks`)).body.deliveries.length).toBeGreaterThan(0);
    expect((await aliceApi.json(`/accounts/${encodeURIComponent(alice.email)}`)).status).toBe(200);
  });
});

describe("security headers", () => {
  const expectHeaders = (response: Response, label: string) => {
    const csp = response.headers.get("content-security-policy") ?? "";
    expect([label, csp]).toEqual([label, expect.stringContaining("frame-ancestors 'none'")]);
    expect(csp).toContain("default-src 'self'");
    expect([label, response.headers.get("x-content-type-options")]).toEqual([label, "nosniff"]);
    expect([label, response.headers.get("x-powered-by")]).toEqual([label, null]);
  };

  it("are set on pages", async () => {
    for (const page of ["/", "/docs/api"]) expectHeaders(await fetch(`${stack.baseUrl}${page}`), page);
  });

  it("are set on API answers: JSON, errors, files and the OpenAPI document", async () => {
    expectHeaders(await aliceApi.request("/accounts"), "GET /accounts");
    expectHeaders(await fetch(`${stack.baseUrl}/v1/kling/accounts`), "401");
    expectHeaders(await aliceApi.request("/tasks/0"), "404");
    expectHeaders(await aliceApi.request(`/assets/${own.result}/${own.resultName}`), "result file");
    expectHeaders(await fetch(`${stack.baseUrl}/v1/openapi.json`), "openapi.json");
  });
});
