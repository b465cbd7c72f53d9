import { Pool } from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";

export interface RateLimitResult {
  allowed: boolean;
  headers: Record<string, string>;
}

const globalForLimiter = globalThis as unknown as { apiRateLimiter?: RateLimiterPostgres };

/**
 * One fixed one-minute window per key, counted in PostgreSQL (the RateLimit table, made by a
 * migration) so every web server counts against the same limit: one upsert per request. A key
 * over its limit is then refused from this process's memory until its window ends, without
 * asking the database again.
 */
function limiter(): RateLimiterPostgres {
  if (globalForLimiter.apiRateLimiter) return globalForLimiter.apiRateLimiter;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
  // An idle connection the database dropped (a restart): the pool replaces it; unheard, this event would end the process.
  pool.on("error", () => undefined);
  globalForLimiter.apiRateLimiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "RateLimit",
    tableCreated: true,
    keyPrefix: "api",
    points: env.API_RATE_LIMIT_PER_MINUTE,
    duration: 60,
    inMemoryBlockOnConsumed: env.API_RATE_LIMIT_PER_MINUTE + 1,
  });
  return globalForLimiter.apiRateLimiter;
}

/** Counts one request for `key` (a token id); when over the limit, Retry-After says when to come back. */
export async function consumeRateLimit(key: string): Promise<RateLimitResult> {
  const rateLimiter = limiter();
  const headersOf = (res: RateLimiterRes) => ({
    "X-RateLimit-Limit": String(rateLimiter.points),
    "X-RateLimit-Remaining": String(Math.max(0, res.remainingPoints)),
    "X-RateLimit-Reset": String(Math.ceil((Date.now() + res.msBeforeNext) / 1000)),
  });
  try {
    return { allowed: true, headers: headersOf(await rateLimiter.consume(key)) };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return {
      allowed: false,
      headers: { ...headersOf(rejection), "Retry-After": String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))) },
    };
  }
}
