/**
 * Workers started at the same moment on a fresh database each create the queues: before queue
 * creation retried, PostgreSQL aborted all but one with "deadlock detected" in 2 rounds of 6 (the
 * workers then exited), so these 3 rounds catch that most of the time, not always.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startTestDatabase } from "@/tests/integration/harness";

const run = promisify(execFile);
const script = fileURLToPath(new URL("./fixtures/start-queue.ts", import.meta.url));

describe("queue creation at start-up", () => {
  it("succeeds for four processes starting together on a fresh database, three times over", async () => {
    for (let round = 0; round < 3; round++) {
      const database = await startTestDatabase();
      try {
        const starts = Array.from({ length: 4 }, () =>
          run(process.execPath, ["--import", "tsx", script], { env: { ...process.env, DATABASE_URL: database.url } }),
        );
        const outputs = await Promise.all(starts);
        expect(outputs.map((output) => output.stdout.trim())).toEqual(["started", "started", "started", "started"]);
      } finally {
        await database.stop();
      }
    }
  });
});
