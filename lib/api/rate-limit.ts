import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";

export interface RateLimitResult {
  allowed: boolean;
  headers: Record<string, string>;
}

const globalForLimiter = globalThis as unknown as { apiRateLimiter?: RateLimiterMemory };

/** One fixed one-minute window per key, in this process's memory (`next start` serves from one process). */
function limiter(): RateLimiterMemory {
  globalForLimiter.apiRateLimiter ??= new RateLimiterMemory({
    keyPrefix: "api",
    points: env.API_RATE_LIMIT_PER_MINUTE,
    duration: 60,
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
