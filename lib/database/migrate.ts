import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { pgConfigFromUrl } from "./pg-config";
import { projectRoot, runPrismaCli } from "./prisma-cli";

/**
 * Applies pending migrations of prisma/migrations (`prisma migrate deploy` in a child process),
 * printing its progress lines, then checks that every migration is recorded as finished.
 * A failed migration counts as pending, so migrate deploy reports it.
 */
export async function migrateDatabase(databaseUrl: string, log: (line: string) => void = console.log): Promise<void> {
  // Nothing pending (the usual case at start-up): skip the second or so the Prisma CLI takes.
  if ((await unappliedMigrations(databaseUrl)).length === 0) {
    log("  Database schema is up to date: no pending migrations.");
    return;
  }
  const { code, output } = await runPrismaCli(["migrate", "deploy"], { DATABASE_URL: databaseUrl }, (line) => log(`  ${line}`));
  if (code !== 0) throw new Error(`prisma migrate deploy failed (exit code ${code}):\n${output}`);
  const missing = await unappliedMigrations(databaseUrl);
  if (missing.length) throw new Error(`prisma migrate deploy left migrations unapplied: ${missing.join(", ")}\n${output}`);
}

/** Migrations in prisma/migrations that the database has not finished applying. */
export async function unappliedMigrations(databaseUrl: string): Promise<string[]> {
  const folder = path.join(projectRoot, "prisma/migrations");
  const expected = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const client = new pg.Client(pgConfigFromUrl(databaseUrl));
  await client.connect();
  try {
    const { rows } = await client
      .query<{ migration_name: string }>(
        `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
      .catch((error: { code?: string }) => {
        if (error.code === "42P01") return { rows: [] }; // never migrated: no _prisma_migrations yet
        throw error;
      });
    const applied = new Set(rows.map((row) => row.migration_name));
    return expected.filter((name) => !applied.has(name)).sort();
  } finally {
    await client.end();
  }
}
