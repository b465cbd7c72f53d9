/**
 * A whole Lipsync Studio for one test file: a fresh embedded PostgreSQL (temp folder, free port,
 * migrated), the web server (lib/cli/web.ts) on a free port and worker processes, all with DATA_DIR in the temp
 * folder and ALLOW_PRIVATE_URLS=1 (tests serve media and receive webhooks on loopback).
 *
 *   const stack = await startStack({ workers: 1 });
 *   const { token } = await stack.createUser();
 *   await fetch(`${stack.baseUrl}/v1/...`, { headers: { Authorization: `Bearer ${token}` } });
 *   stack.workers[0].kill("SIGKILL");       // a worker dying mid-job
 *   await stack.startWorker();
 *   await stack.stop();
 *
 * It also points this test process at the stack's database (process.env.DATABASE_URL), so
 * `db` from "@/lib/db" and the lib functions work on it: one stack at a time per test file.
 */
import type { ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureUser } from "@/lib/api/tokens/ensure-user";
import { createToken } from "@/lib/api/tokens/create-token";
import { webServerArgs } from "@/lib/cli/web-build";
import { startEmbeddedPostgres, stopEmbeddedPostgres } from "@/lib/database/embedded-postgres";
import { generatePrismaClient } from "@/lib/database/generate-client";
import { migrateDatabase } from "@/lib/database/migrate";
import { db, disconnectPrisma } from "@/lib/db";
import { ensureWebBuild } from "./ensure-web-build";
import { freePort } from "./free-port";
import { tempDir } from "./temp-dir";
import { type LoggedProcess, startLogged, stopProcess, waitFor } from "./logged-process";

export type StackOptions = {
  /** Worker processes started with the stack (default 1; 0 for API-only tests). */
  workers?: number;
  /** Extra environment for the web server and the workers (e.g. WORKER_STALE_SECONDS). */
  env?: Record<string, string>;
  /** Port of the web server (default: a free one). */
  port?: number;
  /** Web server processes, each on its own port and PUBLIC_BASE_URL (default 1). */
  webServers?: number;
  /** Each web server and worker gets its own DATA_DIR (nodes/web-<n>, nodes/worker-<n>): no shared disk. */
  separateDataDirs?: boolean;
};

export type WebServer = {
  /** http://127.0.0.1:<port>, also its PUBLIC_BASE_URL unless options.env sets one. */
  baseUrl: string;
  dataDir: string;
  /** SIGTERM (SIGKILL after 30 s), then the web server again on the same port; resolves once it answers. */
  restart(): Promise<void>;
  /** The current web server process. */
  readonly child: ChildProcess;
};

export type StackUser = { userId: number; email: string; token: string; tokenId: string; webhookSecret: string };

export type Stack = {
  /** http://127.0.0.1:<port> of the first web server (also its PUBLIC_BASE_URL). */
  baseUrl: string;
  /** Every web server of the stack, in start order. */
  servers: WebServer[];
  databaseUrl: string;
  /** DATA_DIR of the server and workers (unless separateDataDirs); logs/ holds server.log (server-<n>.log) and worker-<n>.log. */
  dataDir: string;
  /** The Prisma client of this process, on the stack's database. */
  db: typeof db;
  /** Worker processes started so far (killed ones included), in start order. */
  workers: ChildProcess[];
  /** A user (created when missing, with a default account of DEFAULT_MAX_JOBS) and a new API token. */
  createUser(email?: string): Promise<StackUser>;
  /** Starts one more worker; resolves once it reports ready. */
  startWorker(env?: Record<string, string>): Promise<ChildProcess>;
  /** Stops workers, server and database, and deletes the temp folder (KEEP_STACK=1 keeps it). */
  stop(): Promise<void>;
};

const READY_TIMEOUT_MS = 120_000;

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  await generatePrismaClient();
  await ensureWebBuild();

  const dataDir = tempDir("lipsync-stack-");
  const logDir = path.join(dataDir, "logs");
  mkdirSync(logDir);

  const processes: LoggedProcess[] = [];
  const workers: ChildProcess[] = [];
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(processes.map((proc) => stopProcess(proc)));
    await disconnectPrisma();
    await stopEmbeddedPostgres(dataDir);
    if (process.env.KEEP_STACK !== "1") rmSync(dataDir, { recursive: true, force: true });
    else console.log(`[harness] kept ${dataDir}`);
  };

  try {
    const database = await startEmbeddedPostgres({ baseDir: dataDir, port: await freePort(), unsafeFast: true });
    await migrateDatabase(database.url, () => {});
    await disconnectPrisma(); // a client left from an earlier stack points at its database
    process.env.DATABASE_URL = database.url;

    const port = options.port ?? (await freePort());
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      PUBLIC_BASE_URL: baseUrl,
      ALLOW_PRIVATE_URLS: "1",
      ...options.env,
    };
    const nodeDataDir = (name: string) => {
      if (!options.separateDataDirs) return dataDir;
      const dir = path.join(dataDir, "nodes", name);
      mkdirSync(dir, { recursive: true });
      return dir;
    };

    const servers: WebServer[] = [];
    const startServer = async (serverPort: number): Promise<WebServer> => {
      const number = servers.length + 1;
      const serverUrl = `http://127.0.0.1:${serverPort}`;
      // One PUBLIC_BASE_URL in options.env makes the servers one site, as behind a load balancer.
      const publicBaseUrl = options.env?.PUBLIC_BASE_URL ?? serverUrl;
      const serverEnv = { ...env, PORT: String(serverPort), PUBLIC_BASE_URL: publicBaseUrl, DATA_DIR: nodeDataDir(`web-${number}`) };
      const logFile = path.join(logDir, number === 1 ? "server.log" : `server-${number}.log`);
      const serverUp = () => fetch(serverUrl, { signal: AbortSignal.timeout(2_000) }).then(() => true, () => false);
      const launch = async () => {
        const proc = startLogged(webServerArgs, serverEnv, logFile);
        processes.push(proc);
        await waitFor(`web server ${number}`, serverUp, proc, READY_TIMEOUT_MS);
        return proc;
      };
      let current = await launch();
      return {
        baseUrl: serverUrl,
        dataDir: serverEnv.DATA_DIR,
        get child() {
          return current.child;
        },
        async restart() {
          await stopProcess(current);
          current = await launch();
        },
      };
    };

    const startWorker = async (extraEnv: Record<string, string> = {}): Promise<ChildProcess> => {
      let ready = false;
      const logFile = path.join(logDir, `worker-${workers.length + 1}.log`);
      const workerEnv = { ...env, DATA_DIR: nodeDataDir(`worker-${workers.length + 1}`), ...extraEnv };
      const worker = startLogged(["--import", "tsx", "lib/cli/worker.ts"], workerEnv, logFile, (line) => {
        if (/\bready\b/.test(line)) ready = true;
      });
      processes.push(worker);
      workers.push(worker.child);
      await waitFor(`worker ${workers.length}`, () => ready, worker, READY_TIMEOUT_MS);
      return worker.child;
    };

    const startServers = async () => {
      servers.push(await startServer(port));
      for (let i = 1; i < (options.webServers ?? 1); i++) servers.push(await startServer(await freePort()));
    };
    await Promise.all([startServers(), ...Array.from({ length: options.workers ?? 1 }, () => startWorker())]);

    let users = 0;
    const createUser = async (email = `user-${++users}-${Date.now()}@example.com`): Promise<StackUser> => {
      const user = await ensureUser({ email, defaultMaxJobs: Number(env.DEFAULT_MAX_JOBS ?? 1) });
      const token = await createToken({ userId: user.id, name: "test" });
      return { userId: user.id, email: user.email, token: token.token, tokenId: token.id, webhookSecret: user.webhookSecret };
    };

    return { baseUrl, servers, databaseUrl: database.url, dataDir, db, workers, createUser, startWorker, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
