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

/**
 * CPU seconds from /proc/<pid>/stat: the process's own (utime + stime) and its waited-for
 * children's (cutime + cstime), or zeros when it is gone.
 */
function statCpuSeconds(pid: number): { own: number; reapedChildren: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "pid (comm) " start at field 3; utime, stime, cutime and cstime are fields 14 to 17.
    const [utime, stime, cutime, cstime] = stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(11, 15).map(Number);
    return { own: (utime + stime) / USER_HZ, reapedChildren: (cutime + cstime) / USER_HZ };
  } catch {
    return { own: 0, reapedChildren: 0 };
  }
}

/** CPU seconds of a process plus those of its children it has waited for, or 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  const { own, reapedChildren } = statCpuSeconds(pid);
  return own + reapedChildren;
}

/** CPU seconds of the children a process has waited for (with theirs), or 0 when it is gone. */
export function reapedChildrenCpuSeconds(pid: number): number {
  return statCpuSeconds(pid).reapedChildren;
}

/**
 * CPU seconds of a process and every descendant, live or waited for: a process that keeps
 * children alive between tasks (the engine's face trackers) would otherwise leave their time out.
 */
export function treeCpuSeconds(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + cpuSeconds(member), 0);
}
