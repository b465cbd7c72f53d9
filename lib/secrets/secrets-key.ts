import { hkdfSync } from "node:crypto";
import { env } from "@/lib/env";
import { keptSecret } from "./kept-secret";

let key: Buffer | undefined;

/** The 32-byte AES key for secrets at rest, derived from SECRETS_KEY or DATA_DIR/secrets-key. */
export function secretsKey(): Buffer {
  key ??= Buffer.from(hkdfSync("sha256", keptSecret("secrets-key", env.SECRETS_KEY), "lipsync-studio", "secrets at rest v1", 32));
  return key;
}
