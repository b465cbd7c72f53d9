import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { isProcessAlive } from "./process-alive";

/**
 * Runs `fn` while holding an exclusive lock file (it holds our pid). Locks left by a dead
 * process are taken over. Serialises processes of ours that share a data directory.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      if (holder === "gone") continue;
      // An empty file is a lock being written right now.
      if (holder !== "writing" && !isProcessAlive(holder)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockPath} (held by pid ${holder})`, { cause: error });
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

function readHolder(lockPath: string): number | "writing" | "gone" {
  try {
    const text = readFileSync(lockPath, "utf8").trim();
    return text ? Number(text) : "writing";
  } catch {
    return "gone";
  }
}
