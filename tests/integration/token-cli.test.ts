/** `npm run token -- ...` end to end: the real CLI process against a real database. */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyToken } from "@/lib/api/tokens/verify-token";
import { embeddedPaths, stopEmbeddedPostgres } from "@/lib/database/embedded-postgres";
import { runningPostmaster } from "@/lib/database/postmaster";
import { db } from "@/lib/db";
import { type TestDatabase, freePort, startTestDatabase, tempDir } from "./harness";

function tokenCli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/token.ts", ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("token CLI on DATABASE_URL", () => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await startTestDatabase();
    env = { DATABASE_URL: database.url };
  });

  afterAll(() => database.stop());

  it("creates the user, a default account and a token that verifies; prints the token once with a warning", () => {
    const created = tokenCli(["create", "--email", "cli@example.com", "--name", "ci"], { ...env, DEFAULT_MAX_JOBS: "4" });
    expect(created.code).toBe(0);
    const token = created.stdout.match(/lss_[0-9A-Za-z]{43}/g);
    expect(token).toHaveLength(1);
    expect(created.stdout).toMatch(/shown only this once/);
    expect(created.stdout).toMatch(/Created user cli@example.com/);
    return Promise.all([
      expect(verifyToken(token![0])).resolves.toMatchObject({ userId: expect.any(Number) }),
      expect(db.account.findMany({ where: { email: "cli@example.com" } })).resolves.toEqual([expect.objectContaining({ maxJobs: 4 })]),
    ]);
  });

  it("lists tokens without secrets, revokes by id, and refuses bad input", async () => {
    const created = JSON.parse(tokenCli(["create", "--email", "cli@example.com", "--name", "second", "--json"], env).stdout);
    expect(created).toMatchObject({ name: "second", email: "cli@example.com", token: expect.stringMatching(/^lss_/) });

    const listed = tokenCli(["list", "--email", "cli@example.com", "--json"], env);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).map((token: { name: string }) => token.name)).toEqual(["second", "ci"]);
    expect(listed.stdout).not.toContain(created.token);
    expect(tokenCli(["list", "--email", "cli@example.com"], env).stdout).toContain(`${created.token.slice(0, 12)}...`);

    expect(tokenCli(["revoke", "--id", created.id], env)).toMatchObject({ code: 0 });
    expect(await verifyToken(created.token)).toBeNull();
    expect(tokenCli(["revoke", "--id", created.id], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/No active token/) });

    expect(tokenCli(["create", "--email", "not-an-email"], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/not an email/) });
    expect(tokenCli(["list", "--email", "nobody@example.com"], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/No user/) });
    expect(tokenCli(["create"], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/--email/) });
  });
});

describe("token CLI on the embedded database", () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = tempDir();
    env = { DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
  });

  afterAll(async () => {
    await stopEmbeddedPostgres(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("creates the database on first use, stops it afterwards, and finds the token next time", () => {
    const created = tokenCli(["create", "--email", "embedded@example.com", "--json"], env);
    expect(created.code).toBe(0);
    expect(runningPostmaster(embeddedPaths(dataDir).dataDir)).toBeUndefined();

    const listed = tokenCli(["list", "--email", "embedded@example.com", "--json"], env);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: JSON.parse(created.stdout).id })]);
    expect(runningPostmaster(embeddedPaths(dataDir).dataDir)).toBeUndefined();
  });
});
