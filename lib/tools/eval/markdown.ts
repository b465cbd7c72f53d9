import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function fmt(x: number, digits = 2): string {
  if (Number.isNaN(x)) return "n/a";
  if (x === Infinity) return "inf";
  return x.toFixed(digits);
}

export function fmtLag(x: number): string {
  return Number.isFinite(x) ? (x > 0 ? `+${x}` : String(x)) : "n/a";
}

export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * Replaces the body of the level-2 section `heading` in a markdown file (up to the next level-2
 * heading), or appends the section; creates the file if needed.
 */
export function writeSection(file: string, heading: string, body: string): void {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  const section = [`## ${heading}`, "", body.trim(), ""];
  let out: string[];
  if (start < 0) {
    out = [...(text.trim() ? [text.trimEnd(), ""] : []), ...section];
  } else {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end < 0) end = lines.length;
    out = [...lines.slice(0, start), ...section, ...lines.slice(end)];
  }
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n");
}
