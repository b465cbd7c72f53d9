/** ensureDatabase/releaseDatabase across real processes sharing one DATA_DIR, as workers do. */
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedPaths, stopEmbeddedPostgres } from "@/lib/database/embedded-postgres";
import { runningPostmaster } from "@/lib/database/postmaster";
import { freePort, tempDir } from "./harness";

let dataDir: string;
let port: number;

function holdDatabase(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/fixtures/hold-database.ts"], {
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", (line) => resolve({ child, url: JSON.parse(line).url }));
    child.once("exit", (code) => reject(new Error(`hold-database exited with ${code}`)));
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill(signal);
  });
}

const server = () => runningPostmaster(embeddedPaths(dataDir).dataDir);

describe("ensureDatabase / releaseDatabase", () => {
  beforeAll(async () => {
    dataDir = tempDir();
    port = await freePort();
  });

  afterAll(async () => {
    await stopEmbeddedPostgres(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shares one server between processes; the last to release it stops it", async () => {
    const first = await holdDatabase();
    const pid = server()?.pid;
    expect(pid).toBeGreaterThan(0);
    const second = await holdDatabase();
    expect(second.url).toBe(first.url);
    expect(server()?.pid).toBe(pid);

    expect(await stop(first.child, "SIGTERM")).toBe(0);
    expect(server()?.pid).toBe(pid);

    expect(await stop(second.child, "SIGTERM")).toBe(0);
    expect(server()).toBeUndefined();
  });

  it("outlives a process killed without releasing it, and is stopped by the next one to release", async () => {
    const killed = await holdDatabase();
    await stop(killed.child, "SIGKILL");
    expect(server()).toBeDefined();

    const next = await holdDatabase();
    expect(next.url).toBe(killed.url);
    expect(await stop(next.child, "SIGTERM")).toBe(0);
    expect(server()).toBeUndefined();
  });
});
