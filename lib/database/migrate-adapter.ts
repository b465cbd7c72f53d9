import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { pgConfigFromUrl } from "./pg-config";

const PG_NAME = 19;
const PG_CHAR = 18;
const PG_TEXT = 25;

type QueryResults = pg.QueryResult | pg.QueryResult[];

/** prisma/orm#27403: adapter-pg cannot read `name` and `"char"` columns, which migrate's catalog queries return; they are plain text. */
function relabelAsText(results: QueryResults | undefined): void {
  for (const result of Array.isArray(results) ? results : results ? [results] : []) {
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === PG_NAME || field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    }
  }
}

class MigrateClient extends pg.Client {
  // pg-pool calls query(text, values, callback); adapter-pg's own calls use the promise form.
  query(...args: unknown[]): never {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (error: Error | null, results?: QueryResults) => {
        relabelAsText(results);
        callback(error, results);
      };
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    if (returned instanceof Promise) {
      return returned.then((results: QueryResults) => {
        relabelAsText(results);
        return results;
      }) as never;
    }
    return returned as never;
  }
}

/**
 * PrismaPg's own shadow database is dropped while its pool is still connected, which PostgreSQL
 * refuses ("being accessed by other users"): close the pool first, then drop it.
 */
class MigrateAdapterFactory extends PrismaPg {
  constructor(private readonly settings: pg.PoolConfig) {
    // allowExitOnIdle: the CLI leaves pools open; without it every command idles 10 s before exiting.
    super({ ...settings, Client: MigrateClient, allowExitOnIdle: true });
  }

  async connectToShadowDb(): ReturnType<PrismaPg["connectToShadowDb"]> {
    const admin = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...this.settings, database, Client: MigrateClient, allowExitOnIdle: true }).connect();
    const closeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await closeShadow();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.dispose();
    };
    return shadow;
  }
}

/** The driver adapter prisma.config.ts hands to `prisma migrate`. */
export function createMigrateAdapter(databaseUrl: string): PrismaPg {
  return new MigrateAdapterFactory(pgConfigFromUrl(databaseUrl));
}
