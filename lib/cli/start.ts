/**
 * `npm start`: validates the environment, sets up the database (the embedded PostgreSQL unless
 * DATABASE_URL is set) and applies migrations, builds the web app when needed, then runs the web
 * server and one worker until SIGINT or SIGTERM. If either stops on its own, the other is stopped
 * too and the exit code is non-zero.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import type { Logger } from "../log/logger";
import { nextBin, needsBuild, projectRoot as root, webServerArgs } from "./web-build";
import { loadEnv } from "./load-env";

const workerScript = path.join(root, "lib/cli/worker.ts");

const running = new Set<ChildProcess>();
let stopSignal: NodeJS.Signals | undefined;
/** Set once the environment is valid (the logger reads LOG_LEVEL from it). */
let log: Logger | undefined;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopSignal = signal;
    for (const child of running) child.kill(signal);
  });
}

async function main(): Promise<number> {
  // Environment: a bad variable stops everything before any work starts.
  const env = await loadEnv();
  if (!env) return 1;
  const logger = (await import("../log/logger")).logger.child({ role: "start" });
  log = logger;
  const info = (line: string) => logger.info(line);

  // Database: embedded or DATABASE_URL, migrated; the embedded server is released on the way out.
  const { generatePrismaClient } = await import("../database/generate-client");
  const { ensureDatabase, migrateDatabase, releaseDatabase } = await import("../database/embedded");
  try {
    await generatePrismaClient();
    const databaseUrl = await ensureDatabase(info);
    if (stopSignal) return signalExitCode(stopSignal);
    info("Applying database migrations...");
    await migrateDatabase(databaseUrl, info);
    return await buildAndServe(databaseUrl, logger);
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await releaseDatabase(info).catch((error: unknown) => logger.error({ err: error }, "Could not stop the embedded PostgreSQL"));
  }
}

async function buildAndServe(databaseUrl: string, logger: Logger): Promise<number> {
  const childEnv = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" };

  // Web app: build when there is no build yet or the sources changed since.
  if (needsBuild()) {
    if (stopSignal) return signalExitCode(stopSignal);
    logger.info("Building the web app (no build yet, or sources changed since the last one)...");
    const code = await exitOf(startChild([nextBin, "build"], childEnv));
    if (code !== 0) return code;
  }

  // Web server and worker: run until stopped, or until one of them stops on its own.
  if (stopSignal) return signalExitCode(stopSignal);
  const server = startChild(webServerArgs, childEnv);
  const processes = [{ name: "web server", exited: exitOf(server) }];
  if (existsSync(workerScript)) {
    processes.push({ name: "worker", exited: exitOf(startChild(["--import", "tsx", workerScript], childEnv)) });
  } else {
    logger.warn("No worker yet (lib/cli/worker.ts is missing): tasks will stay queued.");
  }

  const first = await Promise.race(processes.map(({ name, exited }) => exited.then((code) => ({ name, code }))));
  if (!stopSignal) {
    logger.error(`The ${first.name} stopped unexpectedly (exit code ${first.code}): stopping the rest.`);
    for (const child of running) child.kill("SIGTERM");
  }
  const [serverCode] = await Promise.all(processes.map(({ exited }) => exited));
  if (stopSignal) return serverCode;
  return first.code === 0 ? 1 : first.code;
}

/** Starts `node args` in the project folder with our stdio; stop signals are forwarded to it. */
function startChild(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  running.add(child);
  child.on("exit", () => running.delete(child));
  return child;
}

/** Resolves with the exit code (128 + signal number when killed by a signal). */
function exitOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? signalExitCode(signal ?? "SIGTERM")));
  });
}

function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (log) log.fatal({ err: error }, "npm start failed");
    else console.error(error);
    process.exitCode = 1;
  },
);
