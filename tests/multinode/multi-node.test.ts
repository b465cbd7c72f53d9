/**
 * Several machines, played on one: two web servers (on two ports) and three workers,
 * each process with its own DATA_DIR (no shared disk), one PostgreSQL and one S3-protocol server
 * (s3rver). Both web servers answer as one site (one PUBLIC_BASE_URL and AUTH_SECRET, as behind a
 * load balancer). 60 tasks go in through both web servers; a worker is SIGKILLed mid-task and a web
 * server restarted meanwhile. Every task must end exactly once, every result download from either
 * web server, and a token's rate limit count its requests across both servers once.
 * `npm run test:multinode`; figures for docs/reliability.md are printed as "[figure] ...".
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Storage } from "@/lib/storage/s3-storage";
import { type ApiClient, apiClient, speechBytes, type TaskModel } from "@/tests/api/helpers";
import { ffmpeg, FIXTURE_VIDEO } from "@/tests/helpers/media";
import { until } from "@/tests/helpers/until";
import { type S3Server, type Stack, startS3Server, startStack, tempDir } from "@/tests/integration/harness";

const USERS = 6;
const TASKS_PER_USER = 10;
const LIMIT_PER_MINUTE = 60;
const scratch = tempDir("lipsync-multinode-");

let s3: S3Server;
let stack: Stack;
let bucket: S3Storage;

type Submitter = { clients: ApiClient[]; face: { url: string }; speech: { url: string } };
type Submitted = { id: number; user: Submitter; server: number };

const figure = (text: string) => console.log(`[figure] ${text}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sha256 = (bytes: ArrayBuffer) => createHash("sha256").update(new Uint8Array(bytes)).digest("hex");

beforeAll(async () => {
  const face = path.join(scratch, "face.mp4");
  await ffmpeg("-i", FIXTURE_VIDEO, "-t", "1", "-an", "-c:v", "libx264", "-preset", "ultrafast", face);
  s3 = await startS3Server();
  const startedAt = Date.now();
  stack = await startStack({
    webServers: 2,
    workers: 3,
    separateDataDirs: true,
    env: {
      ...s3.env,
      // The balancer's address (not loopback, so both servers build every link from it); the test reaches the servers directly.
      PUBLIC_BASE_URL: "https://lipsync.example.com",
      AUTH_SECRET: "one secret for every web server of the multi-node test",
      API_RATE_LIMIT_PER_MINUTE: String(LIMIT_PER_MINUTE),
      WORKER_STALE_SECONDS: "15",
      DEFAULT_MAX_JOBS: "3",
    },
  });
  figure(`stack up (2 web servers, 3 workers, PostgreSQL, s3rver) in ${seconds(Date.now() - startedAt)}`);
  bucket = new S3Storage({
    bucket: s3.bucket,
    client: { endpoint: s3.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } },
  });
}, 900_000);

afterAll(async () => {
  await stack?.stop();
  await s3?.stop();
  await rm(scratch, { recursive: true, force: true });
});

describe("two web servers, three workers, no shared disk", () => {
  it("60 tasks through both servers, a worker SIGKILLed mid-task, a server restarted: each task ends once and downloads from either server", async () => {
    const runStartedAt = Date.now();
    const face = readFileSync(path.join(scratch, "face.mp4"));
    const users: Submitter[] = await Promise.all(
      Array.from({ length: USERS }, async (_, i) => {
        const user = await stack.createUser();
        const clients = stack.servers.map((server) => apiClient(server.baseUrl, user.token));
        // Each uploads through one server; the other server uses the files in its tasks.
        const home = clients[i % 2];
        return { clients, face: await home.upload(face, "face.mp4"), speech: await home.upload(speechBytes(), "speech.wav") };
      }),
    );
    const submitted: Submitted[] = [];
    await Promise.all(
      users.map(async (user, u) => {
        for (let j = 0; j < TASKS_PER_USER; j++) {
          const server = (u + j + 1) % 2;
          const { status, body } = await user.clients[server].postJson<TaskModel>("/videos/lipsync", { video: user.face.url, audio: user.speech.url });
          expect([status, body.status_name]).toEqual([200, "submitted"]);
          submitted.push({ id: body.task.id, user, server });
        }
      }),
    );
    const ids = submitted.map((task) => task.id);
    expect(new Set(ids).size).toBe(USERS * TASKS_PER_USER);
    figure(`${ids.length} tasks submitted through both web servers in ${seconds(Date.now() - runStartedAt)}`);

    // Every worker is mid-task: kill the first one.
    const running = await until(
      "three tasks mid-way",
      async () => {
        const rows = await stack.db.task.findMany({ where: { id: { in: ids }, status: 10, progress: { gte: 10, lte: 85 } } });
        return rows.length === 3 && rows;
      },
      300_000,
      50,
    );
    const victim = stack.workers[0];
    victim.kill("SIGKILL");
    await new Promise((resolve) => (victim.exitCode !== null || victim.signalCode !== null ? resolve(null) : victim.once("exit", resolve)));
    const killedAt = Date.now();

    const restartStartedAt = Date.now();
    await stack.servers[1].restart();
    figure(`web server 2 restarted in ${seconds(Date.now() - restartStartedAt)}`);

    let open: number[] = [];
    const finals = await until(
      "every task to end",
      async () => {
        const rows = await stack.db.task.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
        open = rows.filter((row) => row.status !== 99 && row.status !== 50).map((row) => row.id);
        return open.length === 0 && rows;
      },
      1_500_000,
      1_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; still open: ${open.join(", ")}`);
    });
    const runMs = Date.now() - runStartedAt;
    const takenOver = finals.filter((task) => task.attempt > 1);
    figure(
      `${finals.length} tasks ended ${seconds(runMs)} after the first upload (${seconds(Date.now() - killedAt)} after the kill); ` +
        `taken over after the kill: ${takenOver.map((task) => `${task.id} (attempt ${task.attempt})`).join(", ")}`,
    );
    for (const task of finals) expect(task, `task ${task.id}`).toMatchObject({ status: 99, errorCode: null });
    // The killed worker's task went to another worker; the two that ran on were not retried.
    expect(takenOver.length).toBeGreaterThanOrEqual(1);
    expect(takenOver.some((task) => running.some((row) => row.id === task.id))).toBe(true);

    // Exactly once: one result and one cover per task and no other, each object in the bucket, and no object without its row.
    const resultIds = finals.map((task) => task.resultAssetId!);
    const coverIds = finals.map((task) => task.coverAssetId!);
    expect(new Set([...resultIds, ...coverIds]).size).toBe(2 * finals.length);
    expect(await stack.db.asset.count({ where: { kind: "result" } })).toBe(finals.length);
    expect(await stack.db.asset.count({ where: { kind: "cover" } })).toBe(finals.length);
    const rows = await stack.db.asset.findMany({ select: { storageKey: true } });
    await expect
      .poll(async () => (await bucket.list("assets/")).map((item) => item.key).sort(), { timeout: 10_000 })
      .toEqual(rows.map((row) => row.storageKey).sort());
    // Nothing went to a local disk: no node has a storage folder; work folders are gone (the killed worker's stays on its "machine").
    const nodes = readdirSync(path.join(stack.dataDir, "nodes"));
    expect(nodes.sort()).toEqual(["web-1", "web-2", "worker-1", "worker-2", "worker-3"]);
    for (const node of nodes) expect(existsSync(path.join(stack.dataDir, "nodes", node, "storage")), node).toBe(false);
    for (const node of ["worker-2", "worker-3"]) {
      await expect.poll(() => readdirSync(path.join(stack.dataDir, "nodes", node, "work")), { timeout: 10_000 }).toEqual([]);
    }

    // Each result from both servers: the same bytes; a range too (one per user, to stay within the rate limit).
    const ranged = new Set<Submitter>();
    for (const { id, user, server } of submitted) {
      const { status, body } = await user.clients[server].json<TaskModel>(`/tasks/${id}`);
      expect([status, body.status_name]).toEqual([200, "succeed"]);
      const resultPath = new URL(body.works[0].resource.resource).pathname;
      const [first, second] = await Promise.all(user.clients.map((client) => client.request(resultPath)));
      expect([first.status, second.status], `task ${id}`).toEqual([200, 200]);
      const [a, b] = await Promise.all([first.arrayBuffer(), second.arrayBuffer()]);
      expect(a.byteLength).toBeGreaterThan(1000);
      expect(sha256(a)).toBe(sha256(b));
      if (!ranged.has(user)) {
        ranged.add(user);
        const part = await user.clients[1 - server].request(resultPath, { headers: { Range: "bytes=10-99" } });
        expect(part.status).toBe(206);
        expect(Buffer.from(await part.arrayBuffer()).equals(Buffer.from(a).subarray(10, 100))).toBe(true);
      }
    }
  }, 1_800_000);

  it("counts a token's requests across both web servers once: the limit is reached after the limit, whichever server answers", async () => {
    const user = await stack.createUser();
    const clients = stack.servers.map((server) => apiClient(server.baseUrl, user.token));
    const remaining: number[] = [];
    for (let i = 0; i < LIMIT_PER_MINUTE; i++) {
      const answer = await clients[i % 2].request("/accounts");
      expect(answer.status, `request ${i + 1}`).toBe(200);
      remaining.push(Number(answer.headers.get("x-ratelimit-remaining")));
    }
    expect(remaining).toEqual(Array.from({ length: LIMIT_PER_MINUTE }, (_, i) => LIMIT_PER_MINUTE - 1 - i));
    for (const client of clients) {
      const refused = await client.request("/accounts");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await refused.json()).toMatchObject({ code: 429 });
    }
  });
});
