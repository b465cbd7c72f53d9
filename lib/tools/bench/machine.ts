import { readFileSync } from "node:fs";
import os from "node:os";
import { execText } from "./exec";
import type { OtherLoad } from "./other-load";
import { mediaTools } from "./tools";

/**
 * What the benchmark ran on, as markdown bullet lines, with how much CPU time other processes took
 * during the run.
 */
export async function describeMachine(otherLoad: OtherLoad): Promise<string[]> {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m)?.[1] ?? "unknown";
  const ffmpeg = (await execText(mediaTools().ffmpeg, ["-version"])).split(" ").slice(0, 3).join(" ");
  return [
    `- date: ${new Date().toISOString()}`,
    `- CPU: ${cpu}, ${os.availableParallelism()} cores available (nproc)`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} ${os.arch()}`,
    `- node ${process.version}`,
    `- ${ffmpeg}`,
    `- other work on the machine during the run: ${otherLoad.otherCpuSeconds.toFixed(0)} CPU s in ` +
      `${otherLoad.wallSeconds.toFixed(0)} s, ${(100 * otherLoad.share).toFixed(0)}% of the cores`,
  ];
}
