import { readFileSync } from "node:fs";
import os from "node:os";
import { mergeSection } from "../marked-section";
import { CORES } from "./cpu-meter";
import type { LoadResult } from "./load";
import type { ApiBenchResult } from "./run-api-bench";

export const API_SECTION_START = "<!-- api-bench:start -->";
export const API_SECTION_END = "<!-- api-bench:end -->";
const API_MARKERS = { start: API_SECTION_START, end: API_SECTION_END };

/** Above this share of the cores used by other processes, a run is flagged unreliable (as the engine bench does). */
export const NOISY_SHARE = 0.1;

const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));

function statusList(run: LoadResult): string {
  const parts = Object.entries(run.non2xxByStatus).map(([status, count]) => `${count}× ${status}`);
  if (run.errors) parts.push(`${run.errors} errors (${run.timeouts} timeouts)`);
  return parts.length ? parts.join(", ") : "none";
}

/** The markdown table of one or more runs. */
export function renderApiTable(runs: LoadResult[]): string {
  const rows = runs.map(
    (r) =>
      `| ${r.name} | ${r.method} ${r.path} | ${r.connections} | ${r.seconds} s | ${r.responses} | ${r.requestsPerSecond.toFixed(1)} | ` +
      `${ms(r.latency.p50)} | ${ms(r.latency.p90)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${r.non2xx} | ${statusList(r)} | ${Math.round(100 * r.cpu.busy)}% | ${Math.round(100 * r.cpu.other)}% |`,
  );
  return [
    "| run | request | connections | duration | responses | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | non-2xx and errors | CPU busy | other work |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** The "API latency" section of docs/benchmarks.md, between markers so later runs replace only it. */
export function renderApiSection(result: ApiBenchResult, command: string, version: string): string {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m)?.[1] ?? "unknown";
  const { check, submit } = result;
  const noisy = [result.submit, result.get, result.floor].some((r) => r.cpu.other > NOISY_SHARE);
  const statuses = Object.entries(check.byStatus).map(([status, count]) => `${count} with status ${status}`).join(", ");
  return `${API_SECTION_START}
## API latency

Written by \`${command}\`${command.includes("--api-only") ? " (it refreshes only this section)" : ""}.

### Method

- date: ${result.date}; code: ${version}
- machine: ${cpu}, ${CORES} cores available (nproc), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}
- the stack of the integration tests (\`startStack\` in tests/integration/harness): a fresh embedded
  PostgreSQL 17, the web server (\`npm run web\`: the Next.js production build behind lib/web) and **no worker**, so submitted tasks only queue
  (status 5) and nothing runs the engine; \`API_RATE_LIMIT_PER_MINUTE=1000000\` so the rate limit
  does not answer 429 (one token sends every request).
- the load generator ([autocannon](https://github.com/mcollina/autocannon), in the bench process)
  runs on the **same ${CORES}-core machine** as the server and the database, so they compete for the
  CPU: "CPU busy" is the share of all cores in use during the run, "other work" the share taken
  by processes outside the bench (its server, database and load generator). Latencies on a machine
  of its own (or with the load generator elsewhere) would be lower.
- tests/fixtures/astronaut.mp4 and tests/fixtures/speech.wav are uploaded once (POST /v1/kling/assets);
  then, after a few warm-up requests, each run is ${result.connections} connections sending the same request
  back to back (no pipelining) for ${result.seconds} s:
  - **submit**: POST /v1/kling/videos/lipsync with JSON \`{"video": <asset URL>, "audio": <asset URL>}\`.
    Each submit checks both files (ffprobe) before it saves the task and queues its job.
  - **get task**: GET /v1/kling/tasks/{id} of one existing task, after the submit run.
  - **floor**: GET /healthz, a route handler that only answers \`{"status":"ok"}\` (no token, no
    database): what Next.js's own request handling serves on this machine, the ceiling of every
    route it answers. Bearer-token task polls do not go through it: the web server answers them with
    the route's handler directly (lib/web/serve-task-poll.ts), so GET task may exceed the floor.
- latency: from sending a request to its whole answer, over every answer (non-2xx too); p50, p90
  and p99 are autocannon's percentiles. req/s: answers / duration.

### Results
${noisy ? "\n> **Unreliable run**: other processes took a large share of the CPU while it ran (\"other work\" below):\n> the latencies are higher and the req/s lower than with the machine to itself.\n" : ""}
${renderApiTable([result.submit, result.get, result.floor])}

GET task answered ${((100 * result.get.requestsPerSecond) / result.floor.requestsPerSecond).toFixed(0)}% of the floor's requests a second, with a p99 of ${ms(result.get.latency.p99)} ms against the floor's ${ms(result.floor.latency.p99)} ms.

Tasks: the submit run added ${check.created} task rows for ${check.ok} 2xx answers${
    check.unanswered > 0
      ? ` (${check.unanswered} more from requests still in flight when autocannon stopped: ${submit.sent - submit.responses} sent without an answer)`
      : ""
  }; ${check.missing === 0 ? "every 2xx answer's task id is in the database (none lost)" : `**${check.missing} task ids of 2xx answers are missing from the database**`}. After the run the database held ${statuses}.
${API_SECTION_END}
`;
}

/** Puts the API section into the page: in place of an earlier one, else at the end. */
export function mergeApiSection(page: string, section: string): string {
  return mergeSection(page, section, API_MARKERS);
}
