import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { execText } from "../exec";
import { mergeBurstSection, renderBurstFigures, renderBurstSection } from "./burst-section";
import { runApiBench } from "./run-api-bench";
import { runBurstBench } from "./run-burst-bench";
import { mergeApiSection, NOISY_SHARE, renderApiSection, renderApiTable } from "./section";

const BENCHMARKS = "docs/benchmarks.md";
const RELIABILITY = "docs/reliability.md";
export const API_CONNECTIONS = 50;
export const API_SECONDS = 10;

/** The commit measured, with a mark when the work tree changes the server's code. */
async function serverVersion(repoRoot: string): Promise<string> {
  try {
    const git = (args: string[]) => execText("git", ["-C", repoRoot, ...args]);
    const commit = (await git(["log", "-1", "--format=%h (%ci)"])).trim();
    const dirty = (await git(["status", "--porcelain", "--", "app", "lib", ":(exclude)lib/tools", "prisma"])).trim() !== "";
    return `${commit}${dirty ? " plus uncommitted changes to the server's code (app/, lib/, prisma/)" : ""}`;
  } catch {
    return "unknown";
  }
}

/**
 * `npm run bench -- --api-only`: API latency under load (see run-api-bench.ts). With write, the
 * "API latency" section of docs/benchmarks.md is replaced (or added); the rest of the page is kept.
 * Returns the exit code: 1 when a 2xx submit's task is missing from the database.
 */
export async function apiBench(options: { repoRoot: string; write: boolean; command: string }): Promise<number> {
  const result = await runApiBench({ repoRoot: options.repoRoot, connections: API_CONNECTIONS, seconds: API_SECONDS });
  const { check } = result;
  console.log(`\n${renderApiTable([result.submit, result.get, result.floor])}\n`);
  console.log(
    `tasks: ${check.created} created for ${check.ok} 2xx submits (${check.unanswered} from unanswered in-flight requests), ${check.missing} missing`,
  );
  const other = Math.max(result.submit.cpu.other, result.get.cpu.other, result.floor.cpu.other);
  if (other > NOISY_SHARE) {
    console.error(`warning: other processes used up to ${Math.round(100 * other)}% of the cores during a run: the figures are unreliable, rerun on an idle machine`);
  }
  if (!result.consistent) console.error("warning: the task rows do not match the 2xx submits (see above)");
  if (options.write) {
    const file = path.join(options.repoRoot, BENCHMARKS);
    const page = existsSync(file) ? readFileSync(file, "utf8") : "";
    writeFileSync(file, mergeApiSection(page, renderApiSection(result, options.command, await serverVersion(options.repoRoot))));
    console.error(`wrote the API section of ${BENCHMARKS}`);
  }
  return result.consistent ? 0 : 1;
}


/**
 * `npm run bench -- --burst`: 200 submits from 50 concurrent clients with GET task latency under
 * that load, until every task is final (see run-burst-bench.ts). With write, the figures replace
 * the marked section of docs/reliability.md. Returns 1 when a task was lost or never finished.
 */
export async function burstBench(options: { repoRoot: string; write: boolean; command: string }): Promise<number> {
  const result = await runBurstBench({ clients: 50, submitsPerClient: 4, getSamplers: 10 });
  console.log(`\n${renderBurstFigures(result)}\n`);
  if (result.cpu.other > NOISY_SHARE) {
    console.error(`warning: other processes used ${Math.round(100 * result.cpu.other)}% of the cores: the latencies are unreliable, rerun on an idle machine`);
  }
  if (options.write) {
    const file = path.join(options.repoRoot, RELIABILITY);
    const page = existsSync(file) ? readFileSync(file, "utf8") : "# Reliability\n";
    writeFileSync(file, mergeBurstSection(page, renderBurstSection(result, options.command, await serverVersion(options.repoRoot))));
    console.error(`wrote the load section of ${RELIABILITY}`);
  }
  return result.lost === 0 && result.extra === 0 && result.drained ? 0 : 1;
}
