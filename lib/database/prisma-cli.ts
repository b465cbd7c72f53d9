import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const preload = path.join(import.meta.dirname, "prisma-cli-preload.cjs");

// Prisma 6 insists on a url in the schema, then warns on every command that the adapter of
// prisma.config.ts is used instead: that warning tells our users nothing.
const schemaUrlWarning = [
  /^WARNING: Your schema specifies the following datasource properties/,
  /^- url$/,
  /^The values from your schema will NOT be used!$/,
  /^We recommend you to remove those properties from your schema/,
  /^Prisma config detected, skipping environment variable loading\.$/,
];

/** node arguments that run the Prisma CLI with our preload (see prisma-cli-preload.cjs). */
export function prismaCliArgs(args: string[]): string[] {
  return ["-r", preload, prismaCli, ...args];
}

export const prismaCliEnv = { CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };

export type PrismaRun = { code: number; output: string };

/**
 * Runs the Prisma CLI (offline: no update check) in the project folder. Each output line goes to
 * onLine as it comes; the whole output is returned too.
 */
export function runPrismaCli(args: string[], env: Record<string, string>, onLine: (line: string) => void = () => {}): Promise<PrismaRun> {
  const child = spawn(process.execPath, prismaCliArgs(args), {
    cwd: projectRoot,
    env: { ...process.env, ...env, ...prismaCliEnv, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      lines.push(line);
      if (line.trim() && !schemaUrlWarning.some((pattern) => pattern.test(line))) onLine(line);
    });
  }
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: lines.join("\n") }));
  });
}
