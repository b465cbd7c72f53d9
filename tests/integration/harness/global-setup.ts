import { generatePrismaClient } from "@/lib/database/generate-client";

/**
 * Once per test run: the Prisma client the tests import. The web build is made by the first
 * startStack() that needs it (so database-only tests do not wait for it).
 */
export default async function setup(): Promise<void> {
  await generatePrismaClient();
}
