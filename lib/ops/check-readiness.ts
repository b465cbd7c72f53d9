import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { db } from "@/lib/db";
import { getBoss, QUEUES } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage";
import { isShuttingDown } from "./shutdown-state";

/** Longest one check may take before it counts as failed. */
const CHECK_TIMEOUT_MS = 3_000;

export type ReadinessPart = "database" | "storage" | "queue";

export interface Readiness {
  status: "ready" | "unavailable";
  /** The parts that failed, when any. */
  failing?: ReadinessPart[];
  /** "ok", or what went wrong (an error code, never connection details). */
  checks: Record<ReadinessPart, string>;
  /** Set while the web server drains its last requests after SIGTERM. */
  shuttingDown?: true;
}

const CHECKS: Record<ReadinessPart, () => Promise<unknown>> = {
  database: () => db.$queryRaw`SELECT 1`,
  // Writes and deletes a two-byte object: the storage must take writes, not only answer.
  storage: async () => {
    const key = `health/readyz-${randomUUID()}`;
    await getStorage().put(key, Readable.from([Buffer.from("ok")]));
    await getStorage().delete(key);
  },
  queue: async () => {
    const boss = await getBoss("client");
    if (!(await boss.getQueue(QUEUES.lipsync))) throw Object.assign(new Error("the lip-sync queue does not exist"), { code: "NO_QUEUE" });
  },
};

async function runCheck(part: ReadinessPart): Promise<string> {
  try {
    await Promise.race([
      CHECKS[part](),
      new Promise((_, reject) => setTimeout(() => reject(Object.assign(new Error("timed out"), { code: "TIMEOUT" })), CHECK_TIMEOUT_MS).unref()),
    ]);
    return "ok";
  } catch (error) {
    logger.warn({ err: error, part }, `readiness: the ${part} check failed`);
    const code = (error as { code?: unknown })?.code;
    return `failed${typeof code === "string" ? `: ${code}` : ""}`;
  }
}

/** Whether this web server can serve: the database, the storage and the job queue all answer. */
export async function checkReadiness(): Promise<Readiness> {
  const parts = Object.keys(CHECKS) as ReadinessPart[];
  const results = await Promise.all(parts.map(runCheck));
  const checks = Object.fromEntries(parts.map((part, i) => [part, results[i]])) as Record<ReadinessPart, string>;
  const failing = parts.filter((_, i) => results[i] !== "ok");
  const shuttingDown = isShuttingDown();
  return {
    status: failing.length || shuttingDown ? "unavailable" : "ready",
    ...(failing.length ? { failing } : {}),
    checks,
    ...(shuttingDown ? { shuttingDown: true as const } : {}),
  };
}
