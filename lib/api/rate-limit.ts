import { Pool } from "pg";
import { RateLimiterPostgres, type RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";

export interface RateLimitResult {
  allowed: boolean;
  headers: Record<string, string>;
}

type Waiter = (count: RateLimiterRes | Error, position: number) => void;

const globalForLimiter = globalThis as unknown as {
  apiRateLimiter?: { limiter: RateLimiterPostgres; waiting: Map<string, Waiter[]>; counting: Set<string> };
};

/**
 * One fixed one-minute window per key, counted in PostgreSQL (the RateLimit table, made by a
 * migration) so every web server counts against the same limit.
 */
function state() {
  if (globalForLimiter.apiRateLimiter) return globalForLimiter.apiRateLimiter;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
  // An idle connection the database dropped (a restart): the pool replaces it; unheard, this event would end the process.
  pool.on("error", () => undefined);
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "RateLimit",
    tableCreated: true,
    keyPrefix: "api",
    points: env.API_RATE_LIMIT_PER_MINUTE,
    duration: 60,
  });
  globalForLimiter.apiRateLimiter = { limiter, waiting: new Map(), counting: new Set() };
  return globalForLimiter.apiRateLimiter;
}

/**
 * Counts the requests of `key` that arrived while its previous count was in flight with one
 * upsert: a client polling over many connections costs one query per round trip, not per request.
 */
async function countBatches(key: string): Promise<void> {
  const { limiter, waiting, counting } = state();
  counting.add(key);
  try {
    for (let batch = waiting.get(key); batch; batch = waiting.get(key)) {
      waiting.delete(key);
      let outcome: RateLimiterRes | Error;
      try {
        outcome = await limiter.consume(key, batch.length);
      } catch (rejection) {
        // Over the limit (a RateLimiterRes: some of the batch may still fit) or a database error.
        outcome = rejection as RateLimiterRes | Error;
      }
      batch.forEach((settle, i) => settle(outcome, i - batch.length + 1));
    }
  } finally {
    counting.delete(key);
  }
}

/**
 * A count, not an error. By shape, not instanceof: the web server's direct route (lib/web) and
 * Next.js's bundle each load rate-limiter-flexible, and share the one limiter kept on globalThis.
 */
function isCount(outcome: RateLimiterRes | Error): outcome is RateLimiterRes {
  return typeof (outcome as RateLimiterRes).msBeforeNext === "number" && typeof (outcome as RateLimiterRes).consumedPoints === "number";
}

/** Counts one request for `key` (a token id); when over the limit, Retry-After says when to come back. */
export async function consumeRateLimit(key: string): Promise<RateLimitResult> {
  const { limiter, waiting, counting } = state();
  const [count, position] = await new Promise<[RateLimiterRes, number]>((resolve, reject) => {
    const settle: Waiter = (outcome, offset) => (isCount(outcome) ? resolve([outcome, offset]) : reject(outcome));
    const queue = waiting.get(key);
    if (queue) queue.push(settle);
    else waiting.set(key, [settle]);
    if (!counting.has(key)) void countBatches(key);
  });
  // This request's number in the window: the batch's total less the requests counted after it.
  const consumed = count.consumedPoints + position;
  const headers = {
    "X-RateLimit-Limit": String(limiter.points),
    "X-RateLimit-Remaining": String(Math.max(0, limiter.points - consumed)),
    "X-RateLimit-Reset": String(Math.ceil((Date.now() + count.msBeforeNext) / 1000)),
  };
  if (consumed <= limiter.points) return { allowed: true, headers };
  return { allowed: false, headers: { ...headers, "Retry-After": String(Math.max(1, Math.ceil(count.msBeforeNext / 1000))) } };
}
