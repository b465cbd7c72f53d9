import { readdirSync, readFileSync } from "node:fs";

/** A `kB` field of /proc/<pid>/status in bytes, or 0 when the process is gone or has no such field. */
function statusBytes(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The pid and all its live descendants, found through /proc/<pid>/task/<tid>/children. */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    try {
      for (const tid of readdirSync(`/proc/${tree[i]}/task`)) {
        const children = readFileSync(`/proc/${tree[i]}/task/${tid}/children`, "utf8").trim();
        if (children) tree.push(...children.split(" ").map(Number));
      }
    } catch {
      // the process exited while being read
    }
  }
  return tree;
}

/** Sum of VmRSS over a process and its descendants, and the root process's own VmHWM, in bytes. */
export function sampleMemory(pid: number): { treeRss: number; rootHwm: number } {
  const treeRss = processTree(pid).reduce((sum, p) => sum + statusBytes(p, "VmRSS"), 0);
  return { treeRss, rootHwm: statusBytes(pid, "VmHWM") };
}
