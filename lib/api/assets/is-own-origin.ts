import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { hostname, networkInterfaces } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { getPublicBaseUrl } from "@/lib/api/public-base-url";
import { env } from "@/lib/env";
import { isLoopbackHost } from "@/lib/net/is-loopback-host";

const LOOKUP_TIMEOUT_MS = 2_000;

/**
 * Whether `target` names this server, without ever requesting it: the origin the request came
 * to, PUBLIC_BASE_URL's, or, on PORT, this machine by any name (localhost, a loopback or
 * interface address, its host name, or a DNS name that resolves to such addresses only).
 */
export async function isOwnOrigin(target: URL, requestBaseUrl: string): Promise<boolean> {
  if (target.protocol !== "http:" && target.protocol !== "https:") return false;
  if ([requestBaseUrl, getPublicBaseUrl()].some((base) => new URL(base).origin === target.origin)) return true;
  const port = target.port ? Number(target.port) : target.protocol === "https:" ? 443 : 80;
  if (port !== env.PORT) return false;
  const host = target.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (isLoopbackHost(host) || host === hostname().toLowerCase()) return true;
  const own = interfaceAddresses();
  if (isIP(host)) return own.has(host);
  const addresses = await Promise.race([lookup(host, { all: true }).catch(() => []), sleep(LOOKUP_TIMEOUT_MS, [])]);
  return addresses.length > 0 && addresses.every(({ address }) => isLoopbackHost(address) || own.has(address.toLowerCase()));
}

function interfaceAddresses(): Set<string> {
  return new Set(
    Object.values(networkInterfaces())
      .flat()
      .map((info) => info?.address.toLowerCase())
      .filter((address): address is string => Boolean(address)),
  );
}
