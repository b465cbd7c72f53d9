/**
 * `npm run dev`: `next dev` with the database set up first (the embedded PostgreSQL unless
 * DATABASE_URL is set, migrated), released when the dev server stops. No worker: run
 * `npm run worker` beside it to process tasks.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { nextBin, projectRoot } from "./web-build";

async function main(): Promise<number> {
  const { generatePrismaClient } = await import("../database/generate-client");
  const { ensureDatabase, migrateDatabase, releaseDatabase } = await import("../database/embedded");
  try {
    await generatePrismaClient();
    const databaseUrl = await ensureDatabase();
    await migrateDatabase(databaseUrl);
    const child = spawn(process.execPath, [nextBin, "dev", ...process.argv.slice(2)], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "inherit",
    });
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
    return await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code, signal) => resolve(code ?? 128 + constants.signals[signal ?? "SIGTERM"]));
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await releaseDatabase();
  }
}

main().then((code) => (process.exitCode = code));
