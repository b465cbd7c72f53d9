import { type LipsyncEngine, startLipsyncEngine } from "@/lib/lipsync";

let engine: LipsyncEngine | undefined;

/** This worker process's engine: its face models and tracking processes load once, on first use. */
export function workerEngine(): LipsyncEngine {
  engine ??= startLipsyncEngine();
  return engine;
}

/** Stops the engine's tracking processes (worker shutdown). */
export async function closeWorkerEngine(): Promise<void> {
  const running = engine;
  engine = undefined;
  await running?.close();
}
