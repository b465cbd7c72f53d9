import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureSharedDir } from "./ensure-shared-dir";
import { postgresCanReach } from "./postgres-can-reach";
import type { PostgresBinaries } from "./postgres-binaries";
import type { RunAs } from "./postgres-user";

const COMPLETE_MARKER = ".copy-complete";

/**
 * The binaries as the user PostgreSQL runs as can execute them. As root in a folder that user
 * cannot enter (a clone in /root, a `mkdir -m 700` folder), the package's native/ folder is
 * copied once, root-owned and read-only for others, to EMBEDDED_PG_SHARED_DIR/postgres-<version>.
 */
export function reachableBinaries(binaries: PostgresBinaries, runAs: RunAs, sharedDir: string, log: (line: string) => void): PostgresBinaries {
  if (postgresCanReach(runAs, binaries.initdb) && postgresCanReach(runAs, binaries.postgres)) return binaries;
  const target = path.join(ensureSharedDir(sharedDir), `postgres-${packageVersion(binaries.nativeDir)}`);
  if (!existsSync(path.join(target, COMPLETE_MARKER))) {
    log(`Copying the PostgreSQL binaries to ${target}: the system user "postgres" cannot reach ${binaries.nativeDir}`);
    const scratch = `${target}.tmp-${process.pid}`;
    rmSync(scratch, { recursive: true, force: true });
    cpSync(binaries.nativeDir, scratch, { recursive: true, verbatimSymlinks: true });
    writeFileSync(path.join(scratch, COMPLETE_MARKER), "");
    try {
      renameSync(scratch, target);
    } catch (error) {
      // Another start (of another DATA_DIR) finished the same copy first: the target is whole, as
      // only complete copies are renamed into place.
      rmSync(scratch, { recursive: true, force: true });
      if (!existsSync(path.join(target, COMPLETE_MARKER))) throw error;
    }
  }
  return {
    initdb: path.join(target, "bin", "initdb"),
    postgres: path.join(target, "bin", "postgres"),
    nativeDir: target,
  };
}

function packageVersion(nativeDir: string): string {
  const { version } = JSON.parse(readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")) as { version: string };
  return version.replace(/[^A-Za-z0-9._-]/g, "_");
}
