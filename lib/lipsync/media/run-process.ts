import { spawn } from "node:child_process";
import { LipsyncError } from "../errors";

export interface ProcessOutput {
  stdout: Buffer;
  stderr: string;
}

/** Runs a binary to completion, collecting its output; killed when the signal aborts. */
export function runProcess(binary: string, args: string[], signal?: AbortSignal): Promise<ProcessOutput> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    let stderr = "";
    const onAbort = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      // Keep the tail only: ffmpeg can be chatty on broken input.
      stderr = (stderr + chunk.toString()).slice(-20000);
    });
    child.on("error", (error) => {
      signal?.removeEventListener("abort", onAbort);
      reject(new LipsyncError("ENGINE_FAILURE", `Could not start ${binary}: ${error.message}`));
    });
    child.on("close", (code) => {
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) return reject(cancelledError());
      if (code !== 0) {
        const error = new Error(`${binary} exited with code ${code}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`);
        return reject(Object.assign(error, { stderr }));
      }
      resolve({ stdout: Buffer.concat(stdout), stderr });
    });
  });
}

export function cancelledError(): LipsyncError {
  return new LipsyncError("CANCELLED", "The lip-sync job was cancelled.");
}
