/** The harness itself: what API and jobs tests rely on. */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyToken } from "@/lib/api/tokens/verify-token";
import { embeddedPaths } from "@/lib/database/embedded-postgres";
import { runningPostmaster } from "@/lib/database/postmaster";
import { type Stack, startStack } from "./harness";

describe("startStack", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ workers: 1 });
  });

  afterAll(() => stack?.stop());

  it("serves the web app on its baseUrl, with a worker on the same database", async () => {
    expect(stack.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(stack.baseUrl)).status).toBe(200);
    expect(stack.workers).toHaveLength(1);
    expect(stack.workers[0].exitCode).toBeNull();
    expect(process.env.DATABASE_URL).toBe(stack.databaseUrl);
    expect(await stack.db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it("creates users with working tokens", async () => {
    const user = await stack.createUser("Harness@Example.com");
    expect(user).toMatchObject({ email: "harness@example.com", token: expect.stringMatching(/^lss_/) });
    expect(await verifyToken(user.token)).toEqual({ userId: user.userId, tokenId: user.tokenId });
    const other = await stack.createUser();
    expect(other.userId).not.toBe(user.userId);
  });

  it("lets a test kill a worker and start another", async () => {
    const [first] = stack.workers;
    const exited = new Promise((resolve) => first.once("exit", (_code, signal) => resolve(signal)));
    first.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const second = await stack.startWorker({ WORKER_CONCURRENCY: "2" });
    expect(second.exitCode).toBeNull();
    expect(stack.workers).toEqual([first, second]);
  });

  it("stops everything and removes its folder", async () => {
    const { dataDir } = stack;
    const running = [...stack.workers];
    await stack.stop();
    expect(running.every((worker) => worker.exitCode !== null || worker.signalCode !== null)).toBe(true);
    expect(runningPostmaster(embeddedPaths(dataDir).dataDir)).toBeUndefined();
    expect(existsSync(dataDir)).toBe(false);
    await expect(fetch(stack.baseUrl)).rejects.toThrow();
  });
});
