import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { reapedChildrenCpuSeconds } from "@/lib/lipsync/process-cpu";
import { sampleProcess } from "./proc-sample";

export interface Measurement {
  /** Wall-clock seconds from spawn to exit. */
  seconds: number;
  exitCode: number | null;
  /** Largest sum of VmRSS over the process tree seen in the 100 ms samples, in bytes. */
  peakTreeRss: number;
  /** The root process's own VmHWM at its last sample, in bytes. */
  rootHwm: number;
  /**
   * CPU seconds (user + system) of the process and every descendant (they are all reaped by the
   * time it is): unlike wall time, barely affected by other load on the machine. Read from this
   * process's reaped-children times, so commands must run one at a time.
   */
  cpuSeconds: number;
}

export interface MeasureOptions {
  cwd?: string;
  /** stdout and stderr go here. */
  logFile: string;
  /** Called after every sample with the elapsed seconds and the current tree RSS. */
  onSample?: (seconds: number, treeRss: number) => void;
}

const SAMPLE_MS = 100;

/** Runs a command to completion, timing it and sampling its process tree's memory every 100 ms. */
export function measure(command: string, args: string[], options: MeasureOptions): Promise<Measurement> {
  const log = openSync(options.logFile, "w");
  const childrenCpuBefore = reapedChildrenCpuSeconds(process.pid);
  const start = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", log, log] });
  closeSync(log);
  let peakTreeRss = 0;
  let rootHwm = 0;
  const sample = () => {
    if (child.pid === undefined) return;
    const now = sampleProcess(child.pid);
    peakTreeRss = Math.max(peakTreeRss, now.treeRss);
    rootHwm = Math.max(rootHwm, now.rootHwm);
    options.onSample?.((performance.now() - start) / 1000, now.treeRss);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  return new Promise((resolve, reject) => {
    child.once("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.once("exit", (exitCode) => {
      const seconds = (performance.now() - start) / 1000;
      clearInterval(timer);
      resolve({ seconds, exitCode, peakTreeRss, rootHwm, cpuSeconds: reapedChildrenCpuSeconds(process.pid) - childrenCpuBefore });
    });
  });
}
