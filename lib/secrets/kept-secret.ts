import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * `configured` when set; otherwise a random secret kept in DATA_DIR/`fileName` (made on first use,
 * readable by this user only), so it survives restarts without any configuration.
 */
export function keptSecret(fileName: string, configured: string | undefined): string {
  if (configured) return configured;
  const file = path.join(env.DATA_DIR, fileName);
  mkdirSync(env.DATA_DIR, { recursive: true });
  try {
    // "wx": when two processes start together, one writes and both read the same secret.
    writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}
