import { readFileSync } from "node:fs";
import os from "node:os";
import { execText } from "./exec";
import { mediaTools } from "./tools";

const loads = (load: number[]) => load.map((l) => l.toFixed(2)).join(" / ");

/** What the benchmark ran on, as markdown bullet lines, with the load average at its start and now. */
export async function describeMachine(loadAtStart: number[]): Promise<string[]> {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m)?.[1] ?? "unknown";
  const ffmpeg = (await execText(mediaTools().ffmpeg, ["-version"])).split(" ").slice(0, 3).join(" ");
  return [
    `- date: ${new Date().toISOString()}`,
    `- CPU: ${cpu}, ${os.availableParallelism()} cores available (nproc)`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} ${os.arch()}`,
    `- node ${process.version}`,
    `- ${ffmpeg}`,
    `- load average (1 / 5 / 15 min) at the start: ${loads(loadAtStart)}; at the end: ${loads(os.loadavg())}`,
  ];
}
