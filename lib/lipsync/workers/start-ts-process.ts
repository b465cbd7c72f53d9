import { fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSync } from "esbuild";

const require = createRequire(import.meta.url);
/** Bundles sit inside node_modules, so the packages they import resolve as usual. */
const BUNDLE_DIR = path.join(path.dirname(require.resolve("esbuild/package.json")), "..", ".cache", "lipsync-workers");

const bundles = new Map<string, URL | undefined>();

/**
 * Starts a Node child process running a TypeScript module, with an IPC channel that carries
 * typed arrays (advanced serialization). The module and the project files it imports are bundled
 * once per process into one JavaScript file (npm packages stay imports): loading them through
 * tsx's hooks made a face tracker ready in about 1.1-2.2 s instead of 0.5-0.7 s
 * (docs/benchmarks.md). Where the bundle cannot be written (a read-only install), the child loads
 * the TypeScript through tsx. The parent's Node flags are not passed on (a profiler's, a test
 * runner's loader).
 */
export function startTsProcess(entry: URL): ChildProcess {
  const options = { serialization: "advanced" as const, stdio: ["ignore", "inherit", "inherit", "ipc"] as ("ignore" | "inherit" | "ipc")[] };
  const bundle = bundled(entry);
  if (bundle) return fork(fileURLToPath(bundle), [], { ...options, execArgv: [] });
  return fork(fileURLToPath(entry), [], { ...options, execArgv: ["--import", "tsx"] });
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
