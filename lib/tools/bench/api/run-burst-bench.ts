import { setTimeout as sleep } from "node:timers/promises";
import { speechBytes } from "@/tests/api/helpers";
import { startStack } from "@/tests/integration/harness";
import { startLoopbackServer } from "@/tests/jobs/helpers/loopback-server";
import { type CpuShare, startCpuMeter } from "./cpu-meter";

export type BurstOptions = { clients: number; submitsPerClient: number; getSamplers: number };

export type Percentiles = { count: number; p50: number; p99: number; max: number };

export type BurstResult = BurstOptions & {
  date: string;
  /** Answers to the submits by HTTP status ("200", "429", ...; "error" for no answer). */
  submitStatuses: Record<string, number>;
  /** 200 answers whose task id is not in the database (must be 0). */
  lost: number;
  /** Task rows beyond the 200 answers (must be 0). */
  extra: number;
  submitLatency: Percentiles;
  /** GET /tasks/{id} answers while the submits ran, and their statuses. */
  getLatency: Percentiles;
  getStatuses: Record<string, number>;
  burstMs: number;
  /** From the first submit until every task was final (or the wait gave up: drained false). */
  drainMs: number;
  drained: boolean;
  finalStatuses: Record<string, number>;
  cpu: CpuShare;
};

/** Nearest-rank percentiles of `values` (milliseconds). */
function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

const count = (list: string[]) => list.reduce<Record<string, number>>((acc, key) => ({ ...acc, [key]: (acc[key] ?? 0) + 1 }), {});

/**
 * The reliability load run: a whole stack (embedded PostgreSQL, the web server, one worker with the
 * default WORKER_CONCURRENCY), one user and token per client, each with its speech uploaded.
 * `clients` clients send `submitsPerClient` submits each, all at once, with a video URL that
 * answers 404 (so every task fails in the worker within moments), while `getSamplers` loops read
 * GET /tasks/{id} of tasks already accepted. Then it waits for every task to be final and checks
 * that the database holds exactly the accepted tasks.
 */
export async function runBurstBench(options: BurstOptions): Promise<BurstResult> {
  console.error("burst: starting the stack (embedded PostgreSQL, the web server, 1 worker; next build first when stale)");
  const loop = await startLoopbackServer();
  const stack = await startStack({ workers: 1, env: { API_RATE_LIMIT_PER_MINUTE: "1000000", DEFAULT_MAX_JOBS: "50" } });
  try {
    const clients = [];
    for (let i = 0; i < options.clients; i++) {
      const { token } = await stack.createUser(`burst-${i}@example.com`);
      const upload = await fetch(`${stack.baseUrl}/v1/kling/assets?fileName=speech.wav`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
        body: Uint8Array.from(speechBytes()),
      });
      if (!upload.ok) throw new Error(`upload failed: ${upload.status} ${await upload.text()}`);
      clients.push({ token, audio: ((await upload.json()) as { url: string }).url });
    }

    const accepted: Array<{ id: number; token: string }> = [];
    const submitStatuses: string[] = [];
    const submitMs: number[] = [];
    const getStatuses: string[] = [];
    const getMs: number[] = [];
    let submitting = true;
    const cpu = startCpuMeter();
    const started = Date.now();
    console.error(`burst: ${options.clients * options.submitsPerClient} submits from ${options.clients} clients, ${options.getSamplers} GET loops`);

    const submits = Promise.all(
      clients.map(async ({ token, audio }) => {
        for (let i = 0; i < options.submitsPerClient; i++) {
          const sent = performance.now();
          const response = await fetch(`${stack.baseUrl}/v1/kling/videos/lipsync`, {
            method: "POST",
            headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
            body: JSON.stringify({ video: `${loop.files}/status/404`, audio }),
          }).catch(() => null);
          submitMs.push(performance.now() - sent);
          submitStatuses.push(response ? String(response.status) : "error");
          if (response?.status === 200) accepted.push({ id: ((await response.json()) as { task: { id: number } }).task.id, token });
          else await response?.body?.cancel();
        }
      }),
    ).finally(() => (submitting = false));
    const samplers = Array.from({ length: options.getSamplers }, async () => {
      while (submitting) {
        const pick = accepted[Math.floor(Math.random() * accepted.length)];
        if (!pick) {
          await sleep(5);
          continue;
        }
        const sent = performance.now();
        const response = await fetch(`${stack.baseUrl}/v1/kling/tasks/${pick.id}`, { headers: { Authorization: `Bearer ${pick.token}` } }).catch(() => null);
        await response?.arrayBuffer();
        getMs.push(performance.now() - sent);
        getStatuses.push(response ? String(response.status) : "error");
      }
    });
    await Promise.all([submits, ...samplers]);
    const burstMs = Date.now() - started;
    const share = cpu();

    console.error(`burst: ${accepted.length} accepted in ${(burstMs / 1000).toFixed(1)} s; waiting for every task to be final`);
    let drained = false;
    while (!drained && Date.now() - started < 15 * 60_000) {
      drained = (await stack.db.task.count({ where: { status: { in: [5, 10] } } })) === 0;
      if (!drained) await sleep(250);
    }
    const drainMs = Date.now() - started;
    const ids = accepted.map((task) => task.id);
    const found = await stack.db.task.count({ where: { id: { in: ids } } });
    const rows = await stack.db.task.count();
    const finals = await stack.db.task.groupBy({ by: ["status", "errorCode"], _count: { _all: true } });
    return {
      ...options,
      date: new Date().toISOString(),
      submitStatuses: count(submitStatuses),
      lost: ids.length - found,
      extra: rows - found,
      submitLatency: percentiles(submitMs),
      getLatency: percentiles(getMs),
      getStatuses: count(getStatuses),
      burstMs,
      drainMs,
      drained,
      finalStatuses: Object.fromEntries(finals.map((f) => [`${f.status}${f.errorCode ? ` ${f.errorCode}` : ""}`, f._count._all])),
      cpu: share,
    };
  } finally {
    await stack.stop();
    await loop.stop();
  }
}
