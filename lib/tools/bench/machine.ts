import { readFileSync } from "node:fs";
import os from "node:os";
import { execText } from "./exec";
import { mediaTools } from "./tools";

/** What the benchmark ran on, as markdown bullet lines. */
export async function describeMachine(): Promise<string[]> {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m)?.[1] ?? "unknown";
  const ffmpeg = (await execText(mediaTools().ffmpeg, ["-version"])).split("\n")[0];
  return [
    `- date: ${new Date().toISOString()}`,
    `- CPU: ${cpu}, ${os.availableParallelism()} cores available (nproc)`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} ${os.arch()}`,
    `- node ${process.version}`,
    `- ${ffmpeg}`,
  ];
}
