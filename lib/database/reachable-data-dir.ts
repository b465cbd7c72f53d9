import { createHash } from "node:crypto";
import { chownSync, lstatSync, mkdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { EmbeddedPostgresError } from "./embedded-postgres-error";
import { ensureSharedDir } from "./ensure-shared-dir";
import { postgresCanReach } from "./postgres-can-reach";
import type { RunAs } from "./postgres-user";

/**
 * Where the cluster of `dataDir` (DATA_DIR/postgres) really lives, as a path the user PostgreSQL
 * runs as can reach. Normally `dataDir` itself. As root, when that user cannot enter the folder
 * above it, a new cluster goes to EMBEDDED_PG_SHARED_DIR/clusters/<hash of the folder>/postgres
 * (mode 0700, owned by "postgres") and `dataDir` becomes a symlink to it, so our own processes
 * find it where they always look. Nothing of the user's folders is opened up to other users.
 */
export function reachableDataDir(dataDir: string, runAs: RunAs, sharedDir: string): string {
  const existing = lstatOrNull(dataDir);
  if (existing?.isSymbolicLink()) {
    const target = realpathOrNull(dataDir);
    if (target) return target;
    rmSync(dataDir); // its cluster was deleted: a new one is made below
  } else if (existing) {
    if (postgresCanReach(runAs, dataDir)) return dataDir;
    throw new EmbeddedPostgresError(
      `the system user "postgres" cannot enter ${dataDir}, where the database already is (a folder above it is private).`,
      `move ${path.dirname(dataDir)} (DATA_DIR) to a folder "postgres" can enter, or let it enter the folders above ` +
        `(chmod o+x on each), or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  const parent = path.dirname(dataDir);
  if (!("uid" in runAs) || postgresCanReach(runAs, parent)) return dataDir;

  const id = createHash("sha256").update(realpathSync(parent)).digest("hex").slice(0, 16);
  const clusters = path.join(ensureSharedDir(sharedDir), "clusters");
  // 0711: "postgres" may pass through to its cluster, but not list the others.
  mkdirSync(clusters, { recursive: true, mode: 0o711 });
  const clusterParent = path.join(clusters, id);
  mkdirSync(clusterParent, { recursive: true, mode: 0o700 });
  chownSync(clusterParent, runAs.uid, runAs.gid);
  const target = path.join(clusterParent, "postgres");
  symlinkSync(target, dataDir);
  return target;
}

function lstatOrNull(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}

function realpathOrNull(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}
