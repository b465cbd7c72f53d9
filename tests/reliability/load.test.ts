/**
 * 200 submits from 50 concurrent clients against the real stack, with a per-token rate limit low
 * enough to be reached: every answer is a 200 with a saved task or a 429 with Retry-After (as
 * many as the documented limit says), no accepted task is lost, and every task reaches a final
 * state (the video URL answers 404, so the worker fails each one quickly). Timings are measured
 * by `npm run bench -- --burst` (docs/reliability.md), not asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { speechBytes, type TaskModel } from "@/tests/api/helpers";
import { type Stack, type StackUser, startStack } from "@/tests/integration/harness";
import { type LoopbackServer, startLoopbackServer } from "@/tests/jobs/helpers/loopback-server";
import { expectNothingLeftBehind } from "./helpers/leftovers";

const CLIENTS = 50;
const SUBMITS_PER_CLIENT = 4;
/** Five clients share each token, so each token sends 20 submits after its one upload. */
const TOKENS = 10;
const LIMIT_PER_MINUTE = 17;

let stack: Stack;
let loop: LoopbackServer;
let users: Array<StackUser & { audioUrl: string }>;

type Answer = { token: number; status: number; retryAfter: string | null; body: Record<string, unknown>; ms: number };

beforeAll(async () => {
  loop = await startLoopbackServer();
  stack = await startStack({
    workers: 1,
    // A worker slot fetches at most one job a second (pg-boss polling): eight slots drain the failing tasks faster.
    env: { API_RATE_LIMIT_PER_MINUTE: String(LIMIT_PER_MINUTE), DEFAULT_MAX_JOBS: "50", WORKER_CONCURRENCY: "8" },
  });
  users = [];
  for (let i = 0; i < TOKENS; i++) {
    const user = await stack.createUser(`load-${i}@example.com`);
    const response = await fetch(`${stack.baseUrl}/v1/kling/assets?fileName=speech.wav`, {
      method: "POST",
      headers: { Authorization: `Bearer ${user.token}` },
      body: Uint8Array.from(speechBytes()),
    });
    expect(response.status).toBe(200);
    users.push({ ...user, audioUrl: ((await response.json()) as { url: string }).url });
  }
}, 900_000);

afterAll(async () => {
  await stack?.stop();
  await loop?.stop();
});

describe(`${CLIENTS * SUBMITS_PER_CLIENT} submits from ${CLIENTS} concurrent clients`, () => {
  it("accepts each one or refuses it with 429 and Retry-After within the limit; none is lost; all reach a final state", async () => {
    const started = Date.now();
    const answers: Answer[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        const token = client % TOKENS;
        const { token: bearer, audioUrl } = users[token];
        for (let i = 0; i < SUBMITS_PER_CLIENT; i++) {
          const sent = performance.now();
          const response = await fetch(`${stack.baseUrl}/v1/kling/videos/lipsync`, {
            method: "POST",
            headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
            body: JSON.stringify({ video: `${loop.files}/status/404`, audio: audioUrl, replyRef: `client-${client}-${i}` }),
          });
          const body = (await response.json()) as Record<string, unknown>;
          answers.push({ token, status: response.status, retryAfter: response.headers.get("retry-after"), body, ms: performance.now() - sent });
        }
      }),
    );
    const burstMs = Date.now() - started;

    // The limit counts every request of a token in its minute: one upload, then 16 submits.
    expect(burstMs).toBeLessThan(55_000);
    const accepted = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(accepted.length + refused.length).toBe(answers.length);
    for (let token = 0; token < TOKENS; token++) {
      expect(accepted.filter((answer) => answer.token === token)).toHaveLength(LIMIT_PER_MINUTE - 1);
    }
    for (const answer of refused) {
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60);
      expect(answer.body).toEqual({
        error: `Too many requests: this token may make ${LIMIT_PER_MINUTE} requests a minute. Retry after ${answer.retryAfter} s.`,
        code: 429,
      });
    }

    // None lost, none invented: the tasks in the database are exactly the accepted ones.
    const ids = accepted.map((answer) => (answer.body as unknown as TaskModel).task.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rows = await stack.db.task.findMany({ select: { id: true, replyRef: true } });
    expect(rows.map((row) => row.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    for (const answer of accepted) {
      const row = rows.find((r) => r.id === (answer.body as unknown as TaskModel).task.id);
      expect(row?.replyRef).toBe((answer.body as { replyRef?: string }).replyRef);
    }

    await expectNothingLeftBehind(stack, { settleMs: 240_000 });
    const finals = await stack.db.task.groupBy({ by: ["status", "errorCode"], _count: { _all: true } });
    expect(finals).toEqual([{ status: 50, errorCode: "INPUT_DOWNLOAD_FAILED", _count: { _all: accepted.length } }]);
    const drainMs = Date.now() - started;
    const latency = answers.map((answer) => answer.ms).sort((a, b) => a - b);
    console.log(
      `[figure] ${answers.length} submits from ${CLIENTS} clients in ${burstMs} ms: ${accepted.length} accepted, ${refused.length} × 429 with Retry-After, ` +
        `${ids.length - rows.length} lost; all final ${drainMs} ms after the first submit; submit latency p50 ${latency[Math.floor(latency.length / 2)].toFixed(0)} ms, ` +
        `max ${latency[latency.length - 1].toFixed(0)} ms (not asserted)`,
    );
  });
});
