import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";

const credentialsShape = z.object({
  user: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  password: z.string().regex(/^[0-9a-f]{32,}$/),
  database: z.string().regex(/^[a-z_][a-z0-9_]*$/),
});

export type EmbeddedCredentials = z.infer<typeof credentialsShape>;

/** Reads the credentials of the embedded server, or creates them (a random password) when asked. */
export function loadCredentials(file: string, create: boolean): EmbeddedCredentials {
  if (existsSync(file)) {
    const parsed = credentialsShape.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file} is damaged: ${parsed.error.message}`);
    return parsed.data;
  }
  if (!create) {
    throw new Error(
      `${file} is missing but the database it belongs to exists: restore the file, or delete the ` +
        "database folder next to it to start over with an empty database",
    );
  }
  const credentials = { user: "lipsync", password: randomBytes(24).toString("hex"), database: "lipsync" };
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return credentials;
}

export function credentialsUrl({ user, password, database }: EmbeddedCredentials, port: number): string {
  return `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
}
