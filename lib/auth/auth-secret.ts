import { env } from "@/lib/env";
import { keptSecret } from "@/lib/secrets/kept-secret";

/** AUTH_SECRET when set; otherwise a random secret kept in DATA_DIR/auth-secret. */
export function getAuthSecret(): string {
  return keptSecret("auth-secret", env.AUTH_SECRET);
}
