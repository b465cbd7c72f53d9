import { readFileSync } from "node:fs";
import os from "node:os";
import { treeCpuSeconds, USER_HZ } from "@/lib/lipsync/process-cpu";

export const CORES = os.availableParallelism();

/** Busy and total CPU seconds of the whole machine since boot, from /proc/stat's "cpu" line. */
function machineCpuSeconds(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / USER_HZ, total: (busy + idle + iowait) / USER_HZ };
}


export type CpuShare = {
  /** Share of all cores busy, 0..1 (server, database, load generator and anything else). */
  busy: number;
  /** Share of all cores used by processes outside this one and its descendants, 0..1. */
  other: number;
};

/** Starts measuring how busy the machine's cores are; the returned function reads the shares since the start. */
export function startCpuMeter(): () => CpuShare {
  const start = { machine: machineCpuSeconds(), tree: treeCpuSeconds(process.pid) };
  return () => {
    const machine = machineCpuSeconds();
    const total = machine.total - start.machine.total;
    if (total <= 0) return { busy: 0, other: 0 };
    const busy = machine.busy - start.machine.busy;
    const ours = treeCpuSeconds(process.pid) - start.tree;
    return { busy: busy / total, other: Math.max(0, busy - ours) / total };
  };
}
