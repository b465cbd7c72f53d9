import { spawn } from "node:child_process";

/** Runs a command to completion and returns its stdout; rejects with stderr's tail on failure. */
export function runCapture(cmd: string, args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => {
      err = (err + d.toString()).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${cmd.split("/").pop()} exited with ${code}: ${err.trim().split("\n").slice(-5).join("\n")}`));
    });
    child.stdin.on("error", () => {}); // a tool that exits early closes its stdin
    child.stdin.end(input);
  });
}
