import { readdirSync, rmSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, stopEmbeddedPostgres } from "@/lib/database/embedded-postgres";
import { migrateDatabase, unappliedMigrations } from "@/lib/database/migrate";
import { freePort, tempDir } from "./harness";

describe("migrations", () => {
  let dataDir: string;
  let url: string;

  beforeAll(async () => {
    dataDir = tempDir();
    url = (await startEmbeddedPostgres({ baseDir: dataDir, port: await freePort(), unsafeFast: true })).url;
  });

  afterAll(async () => {
    await stopEmbeddedPostgres(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("applies every migration of prisma/migrations to an empty database, then has nothing left to do", async () => {
    const migrations = readdirSync("prisma/migrations", { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(await unappliedMigrations(url)).toEqual(migrations.map((entry) => entry.name).sort());

    const lines: string[] = [];
    const started = Date.now();
    await migrateDatabase(url, (line) => lines.push(line));
    // Without the timer fix in lib/database/prisma-cli-preload.cjs this took 12 s or more.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(lines.join("\n")).toMatch(/All migrations have been successfully applied/);
    expect(lines.join("\n")).not.toMatch(/WARNING/);
    expect(await unappliedMigrations(url)).toEqual([]);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    await client.end();
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["Account", "ApiToken", "Asset", "Task", "User", "WebhookAttempt", "WebhookDelivery"]),
    );

    const again: string[] = [];
    await migrateDatabase(url, (line) => again.push(line));
    expect(again.join("\n")).toMatch(/no pending migrations/);
  });
});
