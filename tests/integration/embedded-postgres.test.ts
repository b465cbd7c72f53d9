import { statSync } from "node:fs";
import { createServer } from "node:net";
import { rmSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedPaths, startEmbeddedPostgres, stopEmbeddedPostgres } from "@/lib/database/embedded-postgres";
import { runningPostmaster } from "@/lib/database/postmaster";
import { freePort, tempDir } from "./harness";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  let baseDir: string;
  let port: number;
  let url: string;

  beforeAll(async () => {
    baseDir = tempDir();
    port = await freePort();
  });

  afterAll(async () => {
    await stopEmbeddedPostgres(baseDir);
    rmSync(baseDir, { recursive: true, force: true });
  });

  it("initialises PostgreSQL 17 on first start, with a private password, on 127.0.0.1 only", async () => {
    const server = await startEmbeddedPostgres({ baseDir, port });
    url = server.url;
    expect(server.startedHere).toBe(true);
    expect(new URL(url).hostname).toBe("127.0.0.1");
    expect(statSync(embeddedPaths(baseDir).credentialsFile).mode & 0o777).toBe(0o600);
    const [settings] = await query<{ version: string; listen: string; sockets: string }>(
      url,
      "SELECT current_setting('server_version_num') AS version, current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS sockets",
    );
    expect(settings).toEqual({ version: expect.stringMatching(/^17\d{4}$/), listen: "127.0.0.1", sockets: "" });
    const wrongPassword = new URL(url);
    wrongPassword.password = "not-the-password";
    await expect(query(wrongPassword.toString(), "SELECT 1")).rejects.toThrow(/password authentication failed/);
  });

  it("reuses the server that already runs for the folder", async () => {
    const pid = runningPostmaster(embeddedPaths(baseDir).dataDir)?.pid;
    const again = await startEmbeddedPostgres({ baseDir, port: await freePort() });
    expect(again).toEqual({ url, port, startedHere: false });
    expect(runningPostmaster(embeddedPaths(baseDir).dataDir)?.pid).toBe(pid);
  });

  it("stops cleanly and keeps the data for the next start", async () => {
    await query(url, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
    await stopEmbeddedPostgres(baseDir);
    expect(runningPostmaster(embeddedPaths(baseDir).dataDir)).toBeUndefined();
    await expect(query(url, "SELECT 1")).rejects.toThrow(/ECONNREFUSED/);

    const restarted = await startEmbeddedPostgres({ baseDir, port });
    expect(restarted).toEqual({ url, port, startedHere: true });
    expect(await query(url, "SELECT value FROM kept")).toEqual([{ value: "still here" }]);
  });

  it("names the variable to change when the port is taken", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    const takenPort = (blocker.address() as { port: number }).port;
    const otherDir = tempDir();
    try {
      await expect(startEmbeddedPostgres({ baseDir: otherDir, port: takenPort })).rejects.toThrow(/EMBEDDED_PG_PORT/);
    } finally {
      blocker.close();
      await stopEmbeddedPostgres(otherDir);
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
