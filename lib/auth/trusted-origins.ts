import { getPublicBaseUrl } from "@/lib/api/public-base-url";
import { env } from "@/lib/env";

/**
 * Origins the browser may send sign-in forms, uploads and server actions from: the public base
 * URL's origin, and with no PUBLIC_BASE_URL also the loopback names a local user may type.
 */
export function getTrustedOrigins(): string[] {
  const origins = [new URL(getPublicBaseUrl()).origin];
  if (!env.PUBLIC_BASE_URL) origins.push(`http://127.0.0.1:${env.PORT}`, `http://[::1]:${env.PORT}`);
  return origins;
}
