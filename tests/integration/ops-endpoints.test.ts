/**
 * The operator's endpoints on a whole stack (the web server, embedded PostgreSQL, no worker):
 * /healthz, /readyz (503 naming the database once it is stopped), /metrics behind METRICS_TOKEN,
 * the Kling-shaped 405 of every API route, the JSON 404 of a path that climbs out of /v1, and
 * the web server's SIGTERM (requests in flight answered, SHUTDOWN_GRACE_SECONDS at most), and
 * task polls answered by the web server itself exactly as Next.js answers them.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, stopEmbeddedPostgres } from "@/lib/database/embedded-postgres";
import { type ApiClient, apiClient, NOT_FOUND_BODY, speechBytes, UNAUTHORIZED_BODY } from "@/tests/api/helpers";
import { type Stack, signUp, startStack } from "@/tests/integration/harness";

const METRICS_TOKEN = "metrics-token-0123456789";
const GRACE_SECONDS = 6;

let stack: Stack;
let client: ApiClient;

beforeAll(async () => {
  stack = await startStack({ workers: 0, env: { METRICS_TOKEN, SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) } });
  client = apiClient(stack.baseUrl, (await stack.createUser()).token);
}, 600_000);

afterAll(async () => {
  await stack?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${stack.baseUrl}${path}`, { headers });
const scrape = async () => {
  const response = await get("/metrics", { Authorization: `Bearer ${METRICS_TOKEN}` });
  expect(response.status).toBe(200);
  return response.text();
};
const waitUntil = async (check: () => Promise<boolean>, timeoutMs = 30_000) => {
  for (const deadline = Date.now() + timeoutMs; !(await check().catch(() => false)); ) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
/** The value of one sample line (`name{labels} value`) of a scrape. */
const sample = (text: string, series: string) => {
  const line = text.split("\n").find((row) => row.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe("health and readiness", () => {
  it("/healthz answers 200 without touching anything", async () => {
    const response = await get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("/readyz answers 200 with every part checked", async () => {
    const response = await get("/readyz");
    expect(await response.json()).toEqual({ status: "ready", checks: { database: "ok", storage: "ok", queue: "ok" } });
    expect(response.status).toBe(200);
  });
});

describe("/metrics", () => {
  it("refuses a scrape without the METRICS_TOKEN, or with another one", async () => {
    const attempts: Array<Record<string, string>> = [{}, { Authorization: "Bearer wrong-token-0123456789" }, { Authorization: `Basic ${METRICS_TOKEN}` }];
    for (const headers of attempts) {
      const response = await get("/metrics", headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await response.text()).not.toContain("lipsync_");
    }
  });

  it("names every metric and counts a submitted task and the requests by route", async () => {
    const before = await scrape();
    for (const name of [
      "lipsync_tasks",
      "lipsync_queue_depth",
      "lipsync_queue_oldest_age_seconds",
      "lipsync_database_up",
      "lipsync_http_request_duration_seconds",
      "process_cpu_seconds_total",
    ]) {
      expect(before).toContain(`# TYPE ${name} `);
    }
    expect(sample(before, 'lipsync_tasks{status="submitted"}')).toBe(0);
    expect(sample(before, "lipsync_queue_depth")).toBe(0);

    const speech = await client.upload(speechBytes(), "speech.wav");
    expect((await client.postJson("/videos/lipsync", { audio: speech.url })).status).toBe(400);
    // No worker runs it: it stays waiting.
    const accepted = await client.postJson<{ task: { id: number } }>("/videos/lipsync", { video: "http://127.0.0.1:9/face.mp4", audio: speech.url });
    expect(accepted.status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await client.request(`/tasks/${accepted.body.task.id}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const after = await scrape();
    expect(sample(after, 'lipsync_tasks{status="submitted"}')).toBe(1);
    expect(sample(after, "lipsync_queue_depth")).toBe(1);
    expect(sample(after, "lipsync_queue_oldest_age_seconds")).toBeGreaterThanOrEqual(1);
    expect(sample(after, "lipsync_database_up")).toBe(1);
    expect(sample(after, 'lipsync_http_request_duration_seconds_count{method="GET",route="/v1/kling/tasks/[task_id]",status="200"}')).toBe(3);
    expect(sample(after, 'lipsync_http_request_duration_seconds_count{method="POST",route="/v1/kling/videos/lipsync",status="400"}')).toBe(1);
  });
});

describe("API routes", () => {
  const cases: Array<[string, string, string]> = [
    ["PUT", "/v1/kling/tasks/1", "GET, HEAD, DELETE, OPTIONS"],
    ["PATCH", "/v1/kling/tasks/1", "GET, HEAD, DELETE, OPTIONS"],
    ["POST", "/v1/kling/tasks/1", "GET, HEAD, DELETE, OPTIONS"],
    ["DELETE", "/v1/kling/tasks/1/webhooks", "GET, HEAD, OPTIONS"],
    ["GET", "/v1/kling/videos/lipsync", "POST, OPTIONS"],
    ["PUT", "/v1/kling/assets", "POST, OPTIONS"],
    ["DELETE", "/v1/kling/assets/abc/file.mp4", "GET, HEAD, OPTIONS"],
    ["POST", "/v1/kling/assets/download", "GET, HEAD, OPTIONS"],
    ["DELETE", "/v1/kling/accounts", "GET, HEAD, POST, OPTIONS"],
    ["PUT", "/v1/kling/accounts/a%40b.c", "GET, HEAD, DELETE, OPTIONS"],
    ["POST", "/v1/openapi.json", "GET, HEAD, OPTIONS"],
  ];

  it.each(cases)("%s %s answers a Kling-shaped 405 with Allow: %s", async (method, path, allow) => {
    const response = await fetch(`${stack.baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${client.token}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe(allow);
    const allowed = allow.split(", ").filter((name) => name !== "OPTIONS").join(" or ");
    expect(await response.json()).toEqual({ error: `Method ${method} is not allowed on ${new URL(path, stack.baseUrl).pathname}. Use ${allowed}.` });
  });

  it("answers the API's JSON 404 for /v1/kling/assets/%2e%2e/%2e%2e (not the HTML page)", async () => {
    for (const path of ["/v1/kling/assets/%2e%2e/%2e%2e", "/v1/kling/assets/%2e%2e", "/v1", "/v1/nothing/here"]) {
      const response = await fetch(`${stack.baseUrl}${path}`, { headers: { Authorization: `Bearer ${client.token}` } });
      expect([path, response.status, response.headers.get("content-type")]).toEqual([path, 404, "application/json"]);
      const body = (await response.json()) as { error: string; message: string };
      expect(body).toMatchObject({ message: "Not Found" });
      expect(body.error).toMatch(/^No such endpoint: GET \/v1\S*\. See \/docs\/api\.$/);
    }
  });
});

// Last: these stop the database, then the web server.
describe("readiness without the database", () => {
  it("/readyz answers 503 naming the database (and the queue on it); /healthz still 200", async () => {
    await stopEmbeddedPostgres(stack.dataDir);
    const response = await get("/readyz");
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; failing: string[]; checks: Record<string, string> };
    expect(body.status).toBe("unavailable");
    expect(body.failing).toContain("database");
    expect(body.failing).not.toContain("storage");
    expect(body.checks.database).toMatch(/^failed/);
    expect(body.checks.storage).toBe("ok");
    expect((await get("/healthz")).status).toBe(200);
    const metrics = await scrape();
    expect(sample(metrics, "lipsync_database_up")).toBe(0);
    expect(sample(metrics, "lipsync_queue_depth")).toBeUndefined();
    expect(metrics).not.toContain("lipsync_tasks{");
    await startEmbeddedPostgres({ baseDir: stack.dataDir, port: Number(new URL(stack.databaseUrl).port), unsafeFast: true });
    await waitUntil(async () => (await get("/readyz")).status === 200);
    // Pooled connections to the stopped server fail once each (503) before fresh ones are made.
    let answered = 0;
    await waitUntil(async () => ((await client.request("/accounts")).status === 200 ? ++answered >= 5 : (answered = 0) > 0));
  });
});

describe("task polls (GET /v1/kling/tasks/{id} with a bearer token, answered without Next.js's routing)", () => {
  it("answer as the route does through Next.js: same body, security headers, rate limit, owner check and errors", async () => {
    // One user with both a session cookie (its polls go through Next.js) and an API token (answered directly).
    const { cookie, userId } = await signUp(stack.baseUrl, { email: "poller@example.com" });
    const { createToken } = await import("@/lib/api/tokens/create-token");
    const { token } = await createToken({ userId, name: "poller" });
    const own = apiClient(stack.baseUrl, token);
    const speech = await own.upload(speechBytes(), "speech.wav");
    const { body: submitted } = await own.postJson<{ task: { id: number } }>("/videos/lipsync", { video: "http://127.0.0.1:9/face.mp4", audio: speech.url });
    const path = `/v1/kling/tasks/${submitted.task.id}`;

    const direct = await get(path, { Authorization: `Bearer ${token}` });
    const throughNext = await get(path, { Cookie: cookie });
    expect(direct.status).toBe(200);
    expect(throughNext.status).toBe(200);
    expect(await direct.json()).toEqual(await throughNext.json());
    for (const name of ["content-security-policy", "x-content-type-options", "referrer-policy", "content-type"]) {
      expect(direct.headers.get(name), name).toBe(throughNext.headers.get(name));
    }
    expect(Number(direct.headers.get("x-ratelimit-remaining"))).toBeLessThan(Number(direct.headers.get("x-ratelimit-limit")));

    // Another user's token, an unknown token, a malformed id: the API's own answers.
    const other = await get(path, { Authorization: `Bearer ${(await stack.createUser()).token}` });
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ message: NOT_FOUND_BODY.message });
    const unknown = await get(path, { Authorization: "Bearer lsk_0000000000000000000000000000000000000000" });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual(UNAUTHORIZED_BODY);
    const malformed = await get("/v1/kling/tasks/%E0%A4%A", { Authorization: `Bearer ${token}` });
    expect(malformed.status).toBe(404);
    expect(malformed.headers.get("content-type")).toContain("application/json");

    // A Host header that is no host name: the answer still comes, its links on PUBLIC_BASE_URL.
    const { port } = new URL(stack.baseUrl);
    const oddHost = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, path, headers: { Host: "no such host!", Authorization: `Bearer ${token}` } }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode!, body }));
      });
      request.on("error", reject);
      request.end();
    });
    expect(oddHost.status).toBe(200);
    expect(oddHost.body).toContain(`"id":${submitted.task.id}`);
  });
});

describe("web server SIGTERM", () => {
  it("refuses new connections, answers the request in flight, and exits after SHUTDOWN_GRACE_SECONDS at most", async () => {
    const bytes = speechBytes();
    const half = Math.floor(bytes.length / 2);
    /** An upload that sends half its bytes now and the rest when `finish` is called (never, for the stalled one). */
    const slowUpload = () => {
      let finish = () => {};
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(Uint8Array.from(bytes.subarray(0, half)));
          finish = () => {
            controller.enqueue(Uint8Array.from(bytes.subarray(half)));
            controller.close();
          };
        },
      });
      const response = client.request("/assets?fileName=speech.wav", {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream" },
        body,
        duplex: "half",
      } as RequestInit);
      response.catch(() => undefined);
      return { response, finish: () => finish() };
    };
    const answered = slowUpload();
    const stalled = slowUpload();
    await new Promise((resolve) => setTimeout(resolve, 1000)); // both are being read
    const exited = new Promise<number | null>((resolve) => stack.servers[0].child.once("exit", (code) => resolve(code)));
    const signalled = Date.now();
    stack.servers[0].child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(fetch(`${stack.baseUrl}/healthz`)).rejects.toThrow();

    answered.finish();
    const response = await answered.response;
    expect(response.status).toBe(200);
    const asset = (await response.json()) as { assetId: string };
    expect(await stack.db.asset.count({ where: { id: asset.assetId } })).toBe(1);

    expect(await exited).toBe(143);
    const took = Date.now() - signalled;
    console.log(`web server exited ${took} ms after SIGTERM with an upload still open (SHUTDOWN_GRACE_SECONDS=${GRACE_SECONDS})`);
    expect(took).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 100);
    await expect(stalled.response).rejects.toThrow();
  });
});
