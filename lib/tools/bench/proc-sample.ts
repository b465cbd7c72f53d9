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
export function processTree(pid: number): number[] {
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

/** Clock ticks per second of /proc times (USER_HZ, 100 on Linux). */
export const USER_HZ = 100;

/** CPU seconds of a process plus those of its children it has waited for, or 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "pid (comm) " start at field 3; utime, stime, cutime and cstime are fields 14 to 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / USER_HZ;
  } catch {
    return 0;
  }
}

export interface ProcessSample {
  /** Sum of VmRSS over the process and its live descendants, in bytes. */
  treeRss: number;
  /** The process's own VmHWM, in bytes. */
  rootHwm: number;
  /** CPU seconds of the process and its reaped children. */
  rootCpu: number;
}

/** Memory and CPU figures of a process and its descendants, read from /proc. */
export function sampleProcess(pid: number): ProcessSample {
  const treeRss = processTree(pid).reduce((sum, p) => sum + statusBytes(p, "VmRSS"), 0);
  return { treeRss, rootHwm: statusBytes(pid, "VmHWM"), rootCpu: cpuSeconds(pid) };
}
