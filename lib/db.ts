/**
 * The Prisma client of the app, the worker and the CLIs, connected through @prisma/adapter-pg.
 *
 *   import { db } from "@/lib/db";
 *   await db.task.findMany({ where: { userId } });
 *
 * It is created on first use from DATABASE_URL, so a process may set that variable (as
 * ensureDatabase() does for the embedded database) after importing this module.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export type { PrismaClient };

const cache = globalThis as unknown as { lipsyncPrisma?: PrismaClient };

function createPrismaClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: npm start and the worker set it up (lib/database/ensure-database.ts)");
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }), log: ["warn", "error"] });
}

/** The shared client, created on first call (kept on globalThis so Next.js dev reloads reuse it). */
export function getPrisma(): PrismaClient {
  cache.lipsyncPrisma ??= createPrismaClient();
  return cache.lipsyncPrisma;
}

/** Same as getPrisma(), usable as a value: `db.user.findUnique(...)`. */
export const db = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrisma();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** Another name for `db`. */
export const prisma = db;

/** Closes the shared client's connections, if it was ever created. */
export async function disconnectPrisma(): Promise<void> {
  const client = cache.lipsyncPrisma;
  cache.lipsyncPrisma = undefined;
  await client?.$disconnect();
}
