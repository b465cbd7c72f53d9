import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc times (USER_HZ, 100 on Linux). */
export const USER_HZ = 100;

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

/**
 * CPU seconds of a process and every descendant, live or waited for: a process that keeps
 * children alive between tasks (the engine's face trackers) would otherwise leave their time out.
 */
export function treeCpuSeconds(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + cpuSeconds(member), 0);
}
