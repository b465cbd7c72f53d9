import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { withFileLock } from "@/lib/database/file-lock";
import { nextBin, needsBuild, projectRoot } from "@/lib/cli/web-build";

/** Runs `next build` when .next is missing or stale (the same check as npm start), once at a time. */
export async function ensureWebBuild(): Promise<void> {
  if (!needsBuild()) return;
  await withFileLock(path.join(tmpdir(), "lipsync-studio-next-build.lock"), async () => {
    if (!needsBuild()) return;
    console.log("[harness] building the web app (next build)...");
    let output = "";
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    if (code !== 0) throw new Error(`next build failed (exit code ${code}):\n${output}`);
  }, 15 * 60_000);
}
