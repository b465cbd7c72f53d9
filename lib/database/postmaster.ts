import { readFileSync } from "node:fs";
import path from "node:path";
import { isProcessAlive } from "./process-alive";

export type Postmaster = { pid: number; port: number; status: string };

/** The running server of a data directory, from its postmaster.pid; undefined when none runs. */
export function runningPostmaster(dataDir: string): Postmaster | undefined {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  if (!isProcessAlive(pid)) return undefined;
  return { pid, port: Number(lines[3]), status: (lines[7] ?? "").trim() };
}
