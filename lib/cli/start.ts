/**
 * `npm start`: validates the environment, builds the web app when needed, then serves it
 * until SIGINT or SIGTERM. Exits with the server's exit code.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
const buildId = path.join(root, ".next/BUILD_ID");
/** What a production build depends on. */
const buildInputs = ["app", "components", "lib", "public", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

let running: ChildProcess | undefined;
let stopSignal: NodeJS.Signals | undefined;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopSignal = signal;
    running?.kill(signal);
  });
}

async function main(): Promise<number> {
  // Environment: a bad variable stops everything before any work starts.
  let env: typeof import("../env").env;
  try {
    ({ env } = await import("../env"));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }

  // Web app: build when there is no build yet or the sources changed since.
  if (needsBuild()) {
    console.log("Building the web app (no build yet, or sources changed since the last one)...");
    const code = await runNext(["build"]);
    if (code !== 0) return code;
  }

  // Web server: runs in the foreground until stopped.
  if (stopSignal) return signalExitCode(stopSignal);
  return runNext(["start", "-p", String(env.PORT), "-H", env.HOSTNAME]);
}

function needsBuild(): boolean {
  const builtAt = statSync(buildId, { throwIfNoEntry: false })?.mtimeMs;
  if (builtAt === undefined) return true;
  return buildInputs.some((input) => changedSince(path.join(root, input), builtAt));
}

function changedSince(target: string, time: number): boolean {
  if (!existsSync(target)) return false;
  const entries = statSync(target).isDirectory() ? readdirSync(target, { recursive: true, encoding: "utf8" }) : [];
  return [target, ...entries.map((entry) => path.join(target, entry))].some(
    (file) => (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) > time,
  );
}

/** Runs the Next.js CLI in the foreground; resolves with its exit code. */
function runNext(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "inherit",
    });
    running = child;
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      running = undefined;
      resolve(code ?? signalExitCode(signal ?? "SIGTERM"));
    });
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
    console.error(error);
    process.exitCode = 1;
  },
);
