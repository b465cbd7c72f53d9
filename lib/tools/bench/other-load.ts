import { readFileSync } from "node:fs";
import os from "node:os";
import { cpuSeconds, USER_HZ } from "@/lib/lipsync/process-cpu";

/** Busy CPU seconds of the whole machine since boot: all of /proc/stat's "cpu" line but idle and iowait. */
function machineBusySeconds(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq + steal) / USER_HZ;
}

export interface OtherLoad {
  otherCpuSeconds: number;
  wallSeconds: number;
  /** Share of all cores that other processes used, 0..1. */
  share: number;
}

/**
 * Starts measuring the CPU time that processes outside this one and its children use, so a report
 * can say how much other work shared the machine. The returned function reads it: call it once
 * every child has been waited for.
 */
export function startOtherLoadMeter(): () => OtherLoad {
  const start = { busy: machineBusySeconds(), own: cpuSeconds(process.pid), at: performance.now() };
  return () => {
    const otherCpuSeconds = Math.max(0, machineBusySeconds() - start.busy - (cpuSeconds(process.pid) - start.own));
    const wallSeconds = (performance.now() - start.at) / 1000;
    return { otherCpuSeconds, wallSeconds, share: otherCpuSeconds / wallSeconds / os.availableParallelism() };
  };
}
