import { execFileSync } from "node:child_process";
import { EmbeddedPostgresError } from "./embedded-postgres-error";

export type RunAs = { uid: number; gid: number } | Record<string, never>;

/**
 * PostgreSQL refuses to run as root. As root, the server runs as the system user "postgres",
 * created here when missing (as the embedded-postgres package's createPostgresUser does).
 */
export function postgresRunAs(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })),
  });
  try {
    return ids();
  } catch {
    console.log('Creating the system user "postgres" to run the embedded PostgreSQL (it refuses to run as root)');
    try {
      execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { stdio: "pipe" });
    } catch (error) {
      throw new EmbeddedPostgresError(
        `PostgreSQL refuses to run as root, and the system user "postgres" could not be created (useradd: ${(error as Error).message.trim()}).`,
        'create it yourself (useradd --system --user-group postgres, or adduser -S postgres on Alpine), run npm start as another user, or set DATABASE_URL.',
        { cause: error },
      );
    }
    return ids();
  }
}
