import { getPublicBaseUrl } from "@/lib/api/public-base-url";
import { env } from "@/lib/env";
import { isLoopbackHost } from "@/lib/net/is-loopback-host";

// host[:port]: a DNS name, an IPv4 address or a bracketed IPv6 address; nothing else gets into a link.
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The base of the absolute links of an answer to a request with these headers. PUBLIC_BASE_URL
 * when it names a host others can reach; else (unset or loopback) the host the request came to,
 * from Host, or from X-Forwarded-Host / X-Forwarded-Proto when TRUST_PROXY=1 (a proxy we trust
 * sets them; anyone else could forge them). A missing or malformed host falls back to
 * PUBLIC_BASE_URL's default.
 */
export function baseUrlFromHeaders(headers: Headers): string {
  const fallback = getPublicBaseUrl();
  const configured = new URL(fallback);
  if (env.PUBLIC_BASE_URL && !isLoopbackHost(configured.hostname)) return fallback;
  const forwarded = (name: string) => (env.TRUST_PROXY ? headers.get(name)?.split(",")[0]?.trim() : undefined);
  const host = forwarded("x-forwarded-host") || headers.get("host");
  if (!host || !HOST.test(host)) return fallback;
  const proto = forwarded("x-forwarded-proto");
  const protocol = proto === "https" || proto === "http" ? proto : configured.protocol.replace(":", "");
  return `${protocol}://${host.toLowerCase()}${configured.pathname.replace(/\/+$/, "")}`;
}
