import { readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startStack, type Stack } from "@/tests/integration/harness";
import { type LoadResult, runLoad } from "./load";

export type ApiBenchOptions = { repoRoot: string; connections: number; seconds: number };

export type SubmitCheck = {
  /** Task rows the submit run added to the database (after in-flight requests settled). */
  created: number;
  /** 2xx submit answers, each carrying a task id. */
  ok: number;
  /** Ids from 2xx answers with no task row: lost tasks (must be 0). */
  missing: number;
  /** Rows beyond the 2xx answers: requests still in flight when autocannon stopped (at most `connections`). */
  unanswered: number;
  /** Task rows by status after the run (0 workers: all should be 5, submitted). */
  byStatus: Record<string, number>;
};

export type ApiBenchResult = {
  date: string;
  connections: number;
  seconds: number;
  submit: LoadResult;
  get: LoadResult;
  /** GET /healthz, a route that does nothing: what Next.js itself answers on this machine. */
  floor: LoadResult;
  check: SubmitCheck;
  /** Whether the check found no lost task and nothing unexplained. */
  consistent: boolean;
};

/** The stack for the run: no worker, so submitted tasks only queue; a rate limit high enough not to matter. */
const STACK_ENV = { API_RATE_LIMIT_PER_MINUTE: "1000000" };

async function upload(stack: Stack, token: string, file: string): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/v1/kling/assets?fileName=${encodeURIComponent(path.basename(file))}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/octet-stream" },
    body: readFileSync(file),
  });
  if (!res.ok) throw new Error(`upload of ${file} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { url: string }).url;
}

async function send(url: string, init: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${new URL(url).pathname} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Task rows in the database once the count stops moving (the server may still finish requests autocannon gave up on). */
async function settledTaskCount(stack: Stack): Promise<number> {
  let last = await stack.db.task.count();
  for (let stable = 0, waited = 0; stable < 4 && waited < 60; waited++) {
    await sleep(500);
    const now = await stack.db.task.count();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return last;
}

/**
 * API latency under load: starts a whole stack (embedded PostgreSQL, the web server, no worker),
 * uploads the fixture video and speech once, then runs autocannon against
 * POST /v1/kling/videos/lipsync (with those asset URLs) and GET /v1/kling/tasks/{id}, and checks
 * that every 2xx submit has its task row.
 */
export async function runApiBench(options: ApiBenchOptions): Promise<ApiBenchResult> {
  console.error("api: starting the stack (embedded PostgreSQL, the web server, 0 workers; next build first when stale)");
  const stack = await startStack({ workers: 0, env: STACK_ENV });
  try {
    const { token } = await stack.createUser("bench@example.com");
    const auth = { Authorization: `Bearer ${token}` };
    const fixtures = path.join(options.repoRoot, "tests/fixtures");
    const video = await upload(stack, token, path.join(fixtures, "astronaut.mp4"));
    const audio = await upload(stack, token, path.join(fixtures, "speech.wav"));
    const body = JSON.stringify({ video, audio });
    const submitUrl = `${stack.baseUrl}/v1/kling/videos/lipsync`;
    const jsonPost = { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body };

    // Warm-up (not measured): the first requests load the routes; the first task is the one GET reads.
    const first = (await send(submitUrl, jsonPost)) as { task: { id: number } };
    const taskUrl = `${stack.baseUrl}/v1/kling/tasks/${first.task.id}`;
    for (let i = 0; i < 5; i++) await send(submitUrl, jsonPost);
    for (let i = 0; i < 20; i++) await send(taskUrl, { headers: auth });

    const before = await stack.db.task.count();
    const ids: number[] = [];
    console.error(`api: POST /v1/kling/videos/lipsync, ${options.connections} connections, ${options.seconds} s`);
    const submit = await runLoad({
      name: "submit",
      url: submitUrl,
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body,
      connections: options.connections,
      seconds: options.seconds,
      onOkBody: (text) => ids.push((JSON.parse(text) as { task: { id: number } }).task.id),
    });
    const created = (await settledTaskCount(stack)) - before;
    const found = await stack.db.task.count({ where: { id: { in: ids } } });
    const statuses = await stack.db.task.groupBy({ by: ["status"], _count: { _all: true } });
    const check: SubmitCheck = {
      created,
      ok: submit.ok,
      missing: ids.length - found,
      unanswered: created - found,
      byStatus: Object.fromEntries(statuses.map((s) => [String(s.status), s._count._all])),
    };

    console.error(`api: GET /v1/kling/tasks/${first.task.id}, ${options.connections} connections, ${options.seconds} s`);
    const get = await runLoad({
      name: "get task",
      url: taskUrl,
      method: "GET",
      headers: auth,
      connections: options.connections,
      seconds: options.seconds,
    });
    console.error(`api: GET /healthz (the framework's floor), ${options.connections} connections, ${options.seconds} s`);
    const floor = await runLoad({
      name: "floor",
      url: `${stack.baseUrl}/healthz`,
      method: "GET",
      headers: {},
      connections: options.connections,
      seconds: options.seconds,
    });
    const consistent =
      check.missing === 0 && ids.length === submit.ok && check.unanswered >= 0 && check.unanswered <= submit.sent - submit.responses;
    return { date: new Date().toISOString(), connections: options.connections, seconds: options.seconds, submit, get: { ...get, path: "/v1/kling/tasks/{id}" }, floor, check, consistent };
  } finally {
    await stack.stop();
  }
}
