/**
 * Generates the Prisma client into lib/generated/prisma (not committed) when the schema or the
 * Prisma version changed since the last generation. npm 11 may skip install scripts, so the
 * npm scripts and launchers call this instead of relying on a postinstall. Offline, about 1 s;
 * nothing to do: a few milliseconds.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { withFileLock } from "./file-lock";
import { projectRoot, runPrismaCli } from "./prisma-cli";

const outputDir = path.join(projectRoot, "lib/generated/prisma");
const stampFile = path.join(outputDir, ".generated-from");

function sourceHash(): string {
  const prismaVersion = createRequire(import.meta.url)("prisma/package.json").version as string;
  const schema = readFileSync(path.join(projectRoot, "prisma/schema.prisma"));
  return createHash("sha256").update(prismaVersion).update("\0").update(schema).digest("hex");
}

function isFresh(hash: string): boolean {
  return existsSync(path.join(outputDir, "client.ts")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash;
}

export async function generatePrismaClient({ force = false } = {}): Promise<void> {
  const hash = sourceHash();
  if (!force && isFresh(hash)) return;
  mkdirSync(path.dirname(outputDir), { recursive: true });
  await withFileLock(path.join(path.dirname(outputDir), ".generate.lock"), async () => {
    if (!force && isFresh(hash)) return;
    // Prisma 6 resolves the schema's env("DATABASE_URL") even to generate; any URL will do.
    const databaseUrl = process.env.DATABASE_URL || "postgresql://generate@localhost/unused";
    const { code, output } = await runPrismaCli(["generate", "--no-hints"], { DATABASE_URL: databaseUrl });
    if (code !== 0) throw new Error(`prisma generate failed:\n${output}`);
    writeFileSync(stampFile, hash);
    console.log("Generated the Prisma client in lib/generated/prisma");
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  generatePrismaClient({ force: process.argv.includes("--force") }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
