import { readFileSync } from "node:fs";

/** Matches the engine's non-terminal progress lines, e.g. "track    |====---| 30% | 4.0s". */
const PROGRESS_LINE = /^(\w+)\s+\|[=-]*\|\s*\d+%\s*\|\s*([\d.]+)s$/;

/**
 * When each stage first shows in the engine's progress log ("probe 0.0 s → track 1.9 s → ..."),
 * to the log's one-second resolution; empty when the log has no progress lines.
 */
export function stageStarts(logFile: string): string {
  const starts = new Map<string, string>();
  for (const line of readFileSync(logFile, "utf8").split(/[\r\n]+/)) {
    const match = line.trim().match(PROGRESS_LINE);
    if (match && !starts.has(match[1])) starts.set(match[1], match[2]);
  }
  return [...starts].map(([stage, seconds]) => `${stage} ${seconds} s`).join(" → ");
}
