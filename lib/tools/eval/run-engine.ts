import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import path from "node:path";
import { repoRoot } from "./paths";

export interface EngineRun {
  output: string;
  /** Engine's own wall-clock seconds (from its result), else measured around the process. */
  seconds: number;
  facesFound: number;
  frames: number;
}

/** Runs runLipsync in a child process (node --import tsx engine-runner.ts). */
export function runEngine(
  args: { video: string; audio: string; output: string },
  onProgress?: (stage: string, fraction: number) => void,
): Promise<EngineRun> {
  const started = Date.now();
  const files = { video: path.resolve(args.video), audio: path.resolve(args.audio), output: path.resolve(args.output) };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "lib/tools/eval/engine-runner.ts"), JSON.stringify(files)], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let outcome: { result?: { elapsed: number; facesFound: number; frames: number }; error?: string; code?: string } = {};
    child.stderr.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-3000);
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      try {
        const msg = JSON.parse(line) as typeof outcome & { progress?: { stage: string; fraction: number } };
        if (msg.progress) onProgress?.(msg.progress.stage, msg.progress.fraction);
        else outcome = msg;
      } catch {
        // the engine may log plain text: ignore it
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0 && outcome.result) {
        const r = outcome.result;
        resolve({ output: files.output, seconds: r.elapsed ?? (Date.now() - started) / 1000, facesFound: r.facesFound, frames: r.frames });
      } else {
        const why = outcome.error ? `${outcome.code ? `${outcome.code}: ` : ""}${outcome.error}` : stderr.trim().split("\n").slice(-6).join("\n");
        reject(new Error(`engine failed (exit ${code}): ${why}`));
      }
    });
  });
}
