import { rmSync } from "node:fs";
import { startEmbeddedPostgres, stopEmbeddedPostgres } from "@/lib/database/embedded-postgres";
import { migrateDatabase } from "@/lib/database/migrate";
import { disconnectPrisma } from "@/lib/db";
import { freePort } from "./free-port";
import { tempDir } from "./temp-dir";

export type TestDatabase = { url: string; dataDir: string; stop(): Promise<void> };

/**
 * A migrated database in a fresh embedded PostgreSQL, without web server or workers; this
 * process's `db` (from "@/lib/db") points at it until stop().
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  const dataDir = tempDir();
  const { url } = await startEmbeddedPostgres({ baseDir: dataDir, port: await freePort(), unsafeFast: true });
  await migrateDatabase(url, () => {});
  await disconnectPrisma();
  process.env.DATABASE_URL = url;
  return {
    url,
    dataDir,
    async stop() {
      await disconnectPrisma();
      await stopEmbeddedPostgres(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
