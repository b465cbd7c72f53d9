import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { buildSync } from "esbuild";

const require = createRequire(import.meta.url);
/** Bundles sit inside node_modules, so the packages they import resolve as usual. */
const BUNDLE_DIR = path.join(path.dirname(require.resolve("esbuild/package.json")), "..", ".cache", "lipsync-workers");
// tsx's ESM API (the .mjs build) registers the TypeScript loader inside the worker thread,
// since loader hooks of the parent (tsx, vitest) do not reach workers on Node 20.
const tsxApi = pathToFileURL(require.resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;

const bundles = new Map<string, URL | undefined>();

/**
 * Starts a worker thread running a TypeScript module. The module and the project files it imports
 * are bundled once per process into one JavaScript file (npm packages stay imports): loading them
 * through tsx's hooks in each thread made a face-tracking thread ready in about 1.1-2.2 s instead
 * of 0.5-0.7 s (docs/benchmarks.md). Where the bundle cannot be written (a read-only install), the
 * thread loads the TypeScript through tsx.
 */
export function startTsWorker(entry: URL, workerData: unknown): Worker {
  // Not tracking fs.open's descriptors: decodeFrames hands the ones it opens to a net.Socket,
  // which closes them itself. Tracked, each reuse of a number warned, and the thread's exit
  // would close numbers the process may have reused since.
  const options = { workerData, trackUnmanagedFds: false };
  const bundle = bundled(entry);
  if (bundle) return new Worker(bundle, options);
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

function bundled(entry: URL): URL | undefined {
  if (bundles.has(entry.href)) return bundles.get(entry.href);
  let url: URL | undefined;
  try {
    const { outputFiles } = buildSync({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      write: false,
      logLevel: "silent",
    });
    const code = outputFiles[0].text;
    // Named by content: processes running other versions of the code never load each other's.
    const file = path.join(BUNDLE_DIR, `${path.basename(entry.pathname, ".ts")}-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
    mkdirSync(BUNDLE_DIR, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, file);
    url = pathToFileURL(file);
  } catch {
    url = undefined;
  }
  bundles.set(entry.href, url);
  return url;
}
