import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { projectRoot } from "@/lib/cli/web-build";

export type LoggedProcess = { child: ChildProcess; logFile: string; exited: Promise<number | null> };

/** Starts `node args` in the project folder, its output appended to logFile (and echoed with HARNESS_VERBOSE=1). */
export function startLogged(args: string[], env: NodeJS.ProcessEnv, logFile: string, onLine?: (line: string) => void): LoggedProcess {
  const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  const log = createWriteStream(logFile, { flags: "a" });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on("line", (line) => {
      log.write(`${line}\n`);
      if (process.env.HARNESS_VERBOSE === "1") console.log(line);
      onLine?.(line);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  void exited.then(() => setTimeout(() => log.end(), 100));
  return { child, logFile, exited };
}

/** Resolves when check() is true; rejects when the process exits first or time runs out. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, proc: LoggedProcess, timeoutMs: number): Promise<void> {
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (exitCode !== undefined) throw new Error(`${what}: the process exited (code ${exitCode})\n${await tail(proc.logFile)}`);
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs / 1000} s\n${await tail(proc.logFile)}`);
    await sleep(100);
  }
}

/** SIGTERM, then SIGKILL after graceMs; resolves once the process is gone. */
export async function stopProcess({ child, exited }: LoggedProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

async function tail(file: string): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return `--- last lines of ${file} ---\n${text.trim().split("\n").slice(-30).join("\n")}`;
}
