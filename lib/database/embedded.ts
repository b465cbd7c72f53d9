/**
 * The database of this installation: DATABASE_URL when set, else the embedded PostgreSQL with
 * its files in DATA_DIR (started on first use, reused when another process of ours runs it).
 *
 *   const url = await ensureDatabase();   // also sets process.env.DATABASE_URL for lib/db
 *   await migrateDatabase(url);
 *   ...
 *   await releaseDatabase();              // on shutdown: stops the embedded server if no other process of ours uses it
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";
import { embeddedPaths, startOrReuseUnlocked, stopUnlocked } from "./embedded-postgres";
import { explainStartError } from "./explain-start-error";
import { withFileLock } from "./file-lock";
import { isProcessAlive } from "./process-alive";

export { migrateDatabase } from "./migrate";

type Log = (line: string) => void;

let ensured: Promise<string> | undefined;
/** Set while this process holds a lease on the embedded server of that folder. */
let leasedBaseDir: string | undefined;

/** Resolves with the DATABASE_URL to use, starting the embedded PostgreSQL when needed. */
export function ensureDatabase(log: Log = console.log): Promise<string> {
  ensured ??= resolveDatabase(log).then(
    (url) => {
      process.env.DATABASE_URL = url;
      return url;
    },
    (error: unknown) => {
      ensured = undefined;
      throw error;
    },
  );
  return ensured;
}

/**
 * Gives up this process's use of the embedded server; the last process of ours to do so stops it
 * (fast shutdown). Without an embedded server (DATABASE_URL set) it does nothing.
 */
export async function releaseDatabase(log: Log = console.log): Promise<void> {
  const baseDir = leasedBaseDir;
  if (!baseDir) return;
  leasedBaseDir = undefined;
  ensured = undefined;
  await withFileLock(embeddedPaths(baseDir).lockFile, async () => {
    rmSync(leaseFile(baseDir, process.pid), { force: true });
    const others = liveLeases(baseDir);
    if (others.length) {
      log(`Leaving the embedded PostgreSQL running: still used by process ${others.join(", ")}`);
      return;
    }
    log("Stopping the embedded PostgreSQL");
    await stopUnlocked(baseDir);
  });
}

async function resolveDatabase(log: Log): Promise<string> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  try {
    return await startEmbedded(env.DATA_DIR, log);
  } catch (error) {
    throw explainStartError(error, embeddedPaths(env.DATA_DIR).dataDir);
  }
}

async function startEmbedded(baseDir: string, log: Log): Promise<string> {
  mkdirSync(path.join(baseDir, "postgres-clients"), { recursive: true });
  const url = await withFileLock(embeddedPaths(baseDir).lockFile, async () => {
    writeFileSync(leaseFile(baseDir, process.pid), "");
    try {
      const server = await startOrReuseUnlocked({ baseDir, port: env.EMBEDDED_PG_PORT, sharedDir: env.EMBEDDED_PG_SHARED_DIR, log });
      if (!server.startedHere) log(`Using the embedded PostgreSQL already running on 127.0.0.1:${server.port}`);
      return server.url;
    } catch (error) {
      rmSync(leaseFile(baseDir, process.pid), { force: true });
      throw error;
    }
  });
  leasedBaseDir = baseDir;
  return url;
}

function leaseFile(baseDir: string, pid: number): string {
  return path.join(baseDir, "postgres-clients", String(pid));
}

/** Pids of other live processes holding a lease; leases of dead processes are removed. */
function liveLeases(baseDir: string): number[] {
  const pids = readdirSync(path.join(baseDir, "postgres-clients")).map(Number).filter(Number.isInteger);
  return pids.filter((pid) => {
    if (pid !== process.pid && isProcessAlive(pid)) return true;
    rmSync(leaseFile(baseDir, pid), { force: true });
    return false;
  });
}
