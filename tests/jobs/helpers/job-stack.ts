/**
 * What the job tests run on: a throwaway embedded PostgreSQL (migrated), a loopback HTTP server
 * that serves the fixtures and records webhook calls, and real `lib/cli/worker.ts` processes
 * that tests can SIGKILL. The test process itself talks to the same database through lib/db.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createReadStream, statSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const fixtures = path.join(root, "tests/fixtures");

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  at: number;
}

export interface Worker {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the worker logged `text`. */
  waitForOutput: (text: string | RegExp, timeoutMs?: number) => Promise<void>;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export interface JobStack {
  dir: string;
  dataDir: string;
  databaseUrl: string;
  /** Base URL of the loopback file server (fixtures by name, plus /stall, /status/<code>). */
  files: string;
  /** Webhook receiver URL; calls land in `hooks`. `hookResponses` (status codes) are used first. */
  hookUrl: string;
  hooks: ReceivedHook[];
  hookResponses: number[];
  /** Extra files the server serves, by path. */
  serve: Map<string, string>;
  startWorker: (env?: Record<string, string>) => Promise<Worker>;
  /** SIGKILLs every worker still running (call it after each test). */
  stopWorkers: () => Promise<void>;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the stack and points this process at it (DATABASE_URL, DATA_DIR); import lib/env,
 * lib/db and the job modules only after it resolved.
 */
export async function startJobStack(workerEnv: Record<string, string> = {}): Promise<JobStack> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lipsync-jobs-"));
  // PostgreSQL runs as the "postgres" user when we are root: it must be able to enter the folder.
  await chmod(dir, 0o755);
  const dataDir = path.join(dir, "data");
  const pgDir = path.join(dir, "pg");
  const { startEmbeddedPostgres, stopEmbeddedPostgres } = await import("@/lib/database/embedded-postgres");
  const { migrateDatabase } = await import("@/lib/database/migrate");
  const pg = await startEmbeddedPostgres({ baseDir: pgDir, port: await freePort(), unsafeFast: true });
  await migrateDatabase(pg.url, () => {});
  process.env.DATABASE_URL = pg.url;
  process.env.DATA_DIR = dataDir;

  const hooks: ReceivedHook[] = [];
  const hookResponses: number[] = [];
  const serve = new Map<string, string>();
  const stalled = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "POST" && url.pathname === "/hook") {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk));
      req.on("end", () => {
        hooks.push({ headers: req.headers, body, json: JSON.parse(body) as Record<string, unknown>, at: Date.now() });
        const status = hookResponses.shift() ?? 200;
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(status === 200 ? "ok" : "try again");
      });
      return;
    }
    if (url.pathname === "/stall") {
      res.writeHead(200, { "content-length": 1_000_000 });
      res.write("x");
      stalled.add(res);
      return;
    }
    const status = url.pathname.match(/^\/status\/(\d{3})$/);
    if (status) {
      res.writeHead(Number(status[1]));
      res.end();
      return;
    }
    const file = serve.get(url.pathname) ?? path.join(fixtures, path.basename(url.pathname));
    const size = statSync(file, { throwIfNoEntry: false })?.size;
    if (size === undefined) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "content-length": size, "content-type": "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const files = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;

  const workers = new Set<Worker>();
  const startWorker = async (env: Record<string, string> = {}): Promise<Worker> => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "lib/cli/worker.ts")], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: pg.url,
        DATA_DIR: dataDir,
        ALLOW_PRIVATE_URLS: "1",
        WORKER_STALE_SECONDS: "10",
        ...workerEnv,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    const waiters: Array<() => void> = [];
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      for (const check of waiters.splice(0)) check();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const waitForOutput = (pattern: string | RegExp, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const matches = () => (typeof pattern === "string" ? text.includes(pattern) : pattern.test(text));
        const timer = setTimeout(() => reject(new Error(`worker never logged ${pattern}; it logged:\n${text}`)), timeoutMs);
        const check = () => {
          if (matches()) {
            clearTimeout(timer);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            reject(new Error(`worker exited before logging ${pattern}; it logged:\n${text}`));
          } else {
            waiters.push(check);
          }
        };
        check();
      });
    const worker: Worker = {
      child,
      output: () => text,
      waitForOutput,
      stop: async (signal = "SIGTERM") => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
        workers.delete(worker);
      },
    };
    workers.add(worker);
    await waitForOutput("ready:");
    return worker;
  };

  return {
    dir,
    dataDir,
    databaseUrl: pg.url,
    files,
    hookUrl: `${files}/hook`,
    hooks,
    hookResponses,
    serve,
    startWorker,
    stopWorkers: async () => {
      await Promise.all([...workers].map((worker) => worker.stop("SIGKILL")));
    },
    stop: async () => {
      await Promise.all([...workers].map((worker) => worker.stop("SIGKILL")));
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      const { disconnectPrisma } = await import("@/lib/db");
      await disconnectPrisma();
      const { stopBoss } = await import("@/lib/jobs/queue");
      await stopBoss(1000);
      await stopEmbeddedPostgres(pgDir);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a value other than undefined/false. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs: number, what: string, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
