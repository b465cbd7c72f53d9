/**
 * What the job tests run on: the harness's throwaway database (startTestDatabase), a loopback HTTP server
 * that serves the fixtures and records webhook calls, and real `lib/cli/worker.ts` processes
 * that tests can SIGKILL. The test process itself talks to the same database through lib/db.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startTestDatabase } from "@/tests/integration/harness/test-database";
import { tempDir } from "@/tests/integration/harness/temp-dir";
import { type LoopbackServer, startLoopbackServer } from "./loopback-server";

const root = fileURLToPath(new URL("../../..", import.meta.url));

export interface Worker {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the worker logged `text`. */
  waitForOutput: (text: string | RegExp, timeoutMs?: number) => Promise<void>;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export interface JobStack extends LoopbackServer {
  dir: string;
  dataDir: string;
  databaseUrl: string;
  startWorker: (env?: Record<string, string>) => Promise<Worker>;
  /** SIGKILLs every worker still running (call it after each test). */
  stopWorkers: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Starts the stack and points this process at it (DATABASE_URL, DATA_DIR); import lib/env,
 * lib/db and the job modules only after it resolved.
 */
export async function startJobStack(workerEnv: Record<string, string> = {}): Promise<JobStack> {
  const database = await startTestDatabase();
  const dir = tempDir("lipsync-jobs-");
  const dataDir = path.join(dir, "data");
  process.env.DATA_DIR = dataDir;

  const loopback = await startLoopbackServer();

  const workers = new Set<Worker>();
  const startWorker = async (env: Record<string, string> = {}): Promise<Worker> => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "lib/cli/worker.ts")], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
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
    ...loopback,
    dir,
    dataDir,
    databaseUrl: database.url,
    startWorker,
    stopWorkers: async () => {
      await Promise.all([...workers].map((worker) => worker.stop("SIGKILL")));
    },
    stop: async () => {
      await Promise.all([...workers].map((worker) => worker.stop("SIGKILL")));
      await loopback.stop();
      const { stopBoss } = await import("@/lib/jobs/queue");
      await stopBoss(1000);
      await database.stop();
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
