/**
 * `npm run db:migrate -- --name what_changed`: `prisma migrate dev` against the database of this
 * installation (the embedded one unless DATABASE_URL is set), interactive, then stops what it started.
 */
import { spawn } from "node:child_process";
import { ensureDatabase, migrateDatabase, releaseDatabase } from "./embedded";
import { prismaCliArgs, prismaCliEnv, projectRoot } from "./prisma-cli";

async function main(): Promise<number> {
  const url = await ensureDatabase();
  try {
    // On a database without the existing migrations, Prisma 6.19's migrate dev applies them and
    // then fails ("shadow DB must be provided through an external factory"): apply them first.
    await migrateDatabase(url);
    const child = spawn(process.execPath, prismaCliArgs(["migrate", "dev", ...process.argv.slice(2)]), {
      cwd: projectRoot,
      env: { ...process.env, ...prismaCliEnv, DATABASE_URL: url },
      stdio: "inherit",
    });
    return await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code) => resolve(code ?? 1));
    });
  } finally {
    await releaseDatabase();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
