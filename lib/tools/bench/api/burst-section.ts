import { readFileSync } from "node:fs";
import os from "node:os";
import { CORES } from "./cpu-meter";
import type { BurstResult, Percentiles } from "./run-burst-bench";
import { NOISY_SHARE } from "./section";

export const BURST_SECTION_START = "<!-- burst-bench:start -->";
export const BURST_SECTION_END = "<!-- burst-bench:end -->";

const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));
const statuses = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([status, n]) => `${n}× ${status}`)
    .join(", ");
const row = (name: string, p: Percentiles, answers: Record<string, number>) =>
  `| ${name} | ${p.count} | ${ms(p.p50)} | ${ms(p.p99)} | ${ms(p.max)} | ${statuses(answers)} |`;

/** The figures as a markdown table and a summary line (also what the CLI prints). */
export function renderBurstFigures(result: BurstResult): string {
  const total = result.clients * result.submitsPerClient;
  return [
    "| requests | answers | p50 ms | p99 ms | max ms | statuses |",
    "| --- | --- | --- | --- | --- | --- |",
    row("POST /v1/kling/videos/lipsync", result.submitLatency, result.submitStatuses),
    row("GET /v1/kling/tasks/{id} (during the submits)", result.getLatency, result.getStatuses),
    "",
    `${total} submits in ${(result.burstMs / 1000).toFixed(1)} s: ${result.submitStatuses["200"] ?? 0} accepted, ` +
      `${result.submitStatuses["429"] ?? 0} refused with 429, ${result.lost} lost, ${result.extra} extra task rows; ` +
      (result.drained
        ? `every task final ${(result.drainMs / 1000).toFixed(1)} s after the first submit (${statuses(result.finalStatuses)}).`
        : `**not every task was final after ${(result.drainMs / 1000).toFixed(0)} s** (${statuses(result.finalStatuses)}).`),
  ].join("\n");
}

/** The section of docs/reliability.md the bench writes, between markers so later runs replace only it. */
export function renderBurstSection(result: BurstResult, command: string, version: string): string {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m)?.[1] ?? "unknown";
  const noisy = result.cpu.other > NOISY_SHARE;
  return `${BURST_SECTION_START}
Written by \`${command}\`.

- date: ${result.date}; code: ${version}
- machine: ${cpu}, ${CORES} cores available (nproc), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version};
  the clients run in the bench process on the same machine as the server, the database and the worker.
- ${result.clients} clients, each with its own user and token (rate limit 1,000,000 a minute, so no 429 is expected),
  send ${result.submitsPerClient} submits each back to back, all clients at once: JSON with its uploaded speech as the
  audio (ffprobe checks it on every submit) and a video URL on a loopback server that answers 404, so the worker
  (one, default \`WORKER_CONCURRENCY\` 1) fails each task at once with \`INPUT_DOWNLOAD_FAILED\`.
- while the submits run, ${result.getSamplers} loops read GET /v1/kling/tasks/{id} of tasks already accepted.
- latency: from sending a request to its whole answer. CPU busy during the submits: ${Math.round(100 * result.cpu.busy)}% of all
  cores, ${Math.round(100 * result.cpu.other)}% by processes outside the bench.
${noisy ? "\n> **Unreliable run**: other processes took a large share of the CPU while it ran.\n" : ""}
${renderBurstFigures(result)}
${BURST_SECTION_END}
`;
}

/** Puts the section into the page in place of an earlier one, else at the end. */
export function mergeBurstSection(page: string, section: string): string {
  const start = page.indexOf(BURST_SECTION_START);
  const end = page.indexOf(BURST_SECTION_END);
  if (start >= 0 && end > start) return page.slice(0, start) + section.trimEnd() + page.slice(end + BURST_SECTION_END.length);
  return `${page.trimEnd()}\n\n${section}`;
}
