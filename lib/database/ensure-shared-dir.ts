import { mkdirSync, statSync } from "node:fs";
import { EmbeddedPostgresError } from "./embedded-postgres-error";

/**
 * The root-owned folder (EMBEDDED_PG_SHARED_DIR) that holds, for a root install whose files the
 * "postgres" user cannot reach, a copy of the PostgreSQL binaries and the database cluster.
 * Refused when another user could write in it: they could replace the binaries or the data.
 */
export function ensureSharedDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const info = statSync(dir);
  if (info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new EmbeddedPostgresError(
      `${dir} (EMBEDDED_PG_SHARED_DIR) must belong to root and be writable by root only, but it is owned by uid ${info.uid} ` +
        `with mode ${(info.mode & 0o777).toString(8)}.`,
      `Run "chown root: ${dir} && chmod 755 ${dir}", or set EMBEDDED_PG_SHARED_DIR to another folder.`,
    );
  }
  return dir;
}
