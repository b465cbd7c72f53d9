import { baseUrlFromHeaders } from "@/lib/api/base-url-from-headers";
import { getPublicBaseUrl } from "@/lib/api/public-base-url";
import { env } from "@/lib/env";

/**
 * Origins the browser may send sign-in forms, uploads and server actions from: the public base
 * URL's origin, and with no PUBLIC_BASE_URL also the loopback names a local user may type. Given
 * the request's headers, also the origin its links are made for when they follow the request's
 * Host (PUBLIC_BASE_URL unset or loopback, see baseUrlFromHeaders): a page opened at a LAN name
 * of this machine may then sign in and upload from that name. Another site's page still may not:
 * its Origin differs from the Host it sends to.
 */
export function getTrustedOrigins(headers?: Headers): string[] {
  const origins = [new URL(getPublicBaseUrl()).origin];
  if (!env.PUBLIC_BASE_URL) origins.push(`http://127.0.0.1:${env.PORT}`, `http://[::1]:${env.PORT}`);
  if (headers) {
    const own = new URL(baseUrlFromHeaders(headers)).origin;
    if (!origins.includes(own)) origins.push(own);
  }
  return origins;
}
