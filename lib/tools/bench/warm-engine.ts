/**
 * Run by the bench as a child process: one engine (startLipsyncEngine, as in the worker) runs
 * the same clip `--runs` times in a row. Prints one JSON line per run: its wall and CPU seconds
 * (this process, its face trackers and every ffmpeg); the first run includes starting the
 * engine (its trackers and face models), the later ones find them loaded.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { startLipsyncEngine } from "@/lib/lipsync";
import { treeCpuSeconds } from "@/lib/lipsync/process-cpu";

const args = z
  .object({ video: z.string(), audio: z.string(), out: z.string(), runs: z.coerce.number().int().min(1).max(20) })
  .parse(parseArgs({ options: { video: { type: "string" }, audio: { type: "string" }, out: { type: "string" }, runs: { type: "string" } } }).values);

export interface WarmRunLine {
  run: number;
  seconds: number;
  cpuSeconds: number;
  frames: number;
}

let started = performance.now();
let cpu = treeCpuSeconds(process.pid);
const engine = startLipsyncEngine();
try {
  for (let run = 1; run <= args.runs; run++) {
    const result = await engine.run({ video: args.video, audio: args.audio, output: args.out.replace(/\.mp4$/, `.${run}.mp4`) });
    const now = performance.now();
    const cpuNow = treeCpuSeconds(process.pid);
    const line: WarmRunLine = { run, seconds: (now - started) / 1000, cpuSeconds: cpuNow - cpu, frames: result.frames };
    console.log(JSON.stringify(line));
    started = now;
    cpu = cpuNow;
  }
} finally {
  await engine.close();
}
