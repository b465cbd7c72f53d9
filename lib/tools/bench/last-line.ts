import { readFileSync } from "node:fs";

/** The last non-blank line of a log, splitting on carriage returns too (progress bars redraw with them). */
export function lastLine(logFile: string): string {
  const lines = readFileSync(logFile, "utf8").split(/[\r\n]+/).map((l) => l.trim());
  return lines.filter(Boolean).at(-1) ?? "";
}
