/**
 * The API rate limit on a real PostgreSQL: exact counting when many requests of one token arrive
 * at once (they are counted in batches, one upsert per round trip), separate keys, and the
 * headers of each answer. Counting across web servers: tests/multinode/.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/tests/integration/harness";

vi.hoisted(() => {
  process.env.API_RATE_LIMIT_PER_MINUTE = "100";
});

let database: TestDatabase;

beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(() => database?.stop());

describe("consumeRateLimit", () => {
  it("lets exactly the limit through when 150 requests of one token arrive at once, each with its own count", async () => {
    const { consumeRateLimit } = await import("@/lib/api/rate-limit");
    const { db } = await import("@/lib/db");
    const answers = await Promise.all(Array.from({ length: 150 }, () => consumeRateLimit("token:burst")));
    const allowed = answers.filter((answer) => answer.allowed);
    expect(allowed).toHaveLength(100);
    expect(allowed.map((answer) => Number(answer.headers["X-RateLimit-Remaining"])).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 100 }, (_, i) => i),
    );
    for (const refused of answers.filter((answer) => !answer.allowed)) {
      expect(refused.headers).toMatchObject({ "X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0" });
      expect(Number(refused.headers["Retry-After"])).toBeGreaterThanOrEqual(59);
    }
    expect((await consumeRateLimit("token:burst")).allowed).toBe(false);
    expect((await consumeRateLimit("token:other")).headers["X-RateLimit-Remaining"]).toBe("99");

    const [row] = await db.$queryRaw<Array<{ points: number }>>`SELECT points FROM "RateLimit" WHERE key = 'api:token:burst'`;
    expect(row.points).toBe(151);
    // Counted in batches: far fewer writes than requests (PostgreSQL reports its statistics within seconds).
    await expect
      .poll(
        async () => {
          const [stats] = await db.$queryRaw<Array<{ writes: bigint }>>`SELECT n_tup_ins + n_tup_upd AS writes FROM pg_stat_user_tables WHERE relname = 'RateLimit'`;
          return Number(stats.writes);
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBeGreaterThanOrEqual(3);
    const [stats] = await db.$queryRaw<Array<{ writes: bigint }>>`SELECT n_tup_ins + n_tup_upd AS writes FROM pg_stat_user_tables WHERE relname = 'RateLimit'`;
    console.log(`[figure] 152 requests of two tokens counted with ${stats.writes} writes`);
    expect(Number(stats.writes)).toBeLessThan(50);
  });
});
