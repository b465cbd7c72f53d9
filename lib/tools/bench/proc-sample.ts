import { readFileSync } from "node:fs";
import { processTree } from "@/lib/lipsync/process-cpu";

/** A `kB` field of /proc/<pid>/status in bytes, or 0 when the process is gone or has no such field. */
function statusBytes(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface ProcessSample {
  /** Sum of VmRSS over the process and its live descendants, in bytes. */
  treeRss: number;
  /** The process's own VmHWM, in bytes. */
  rootHwm: number;
}

/** Memory figures of a process and its descendants, read from /proc. */
export function sampleProcess(pid: number): ProcessSample {
  const treeRss = processTree(pid).reduce((sum, p) => sum + statusBytes(p, "VmRSS"), 0);
  return { treeRss, rootHwm: statusBytes(pid, "VmHWM") };
}
