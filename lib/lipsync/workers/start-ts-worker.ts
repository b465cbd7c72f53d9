import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const require = createRequire(import.meta.url);
// tsx's ESM API (the .mjs build) registers the TypeScript loader inside the worker thread,
// since loader hooks of the parent (tsx, vitest) do not reach workers on Node 20.
const tsxApi = pathToFileURL(require.resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;

/** Starts a worker thread running a TypeScript module. */
export function startTsWorker(entry: URL, workerData: unknown): Worker {
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  // Not tracking fs.open's descriptors: decodeFrames hands the ones it opens to a net.Socket,
  // which closes them itself. Tracked, each reuse of a number warned, and the thread's exit
  // would close numbers the process may have reused since.
  return new Worker(bootstrap, { eval: true, workerData, trackUnmanagedFds: false });
}
