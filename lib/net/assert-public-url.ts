/**
 * Server-side request forgery guard: which URLs and addresses the server may fetch (input
 * downloads) or post to (webhooks). Only http(s) to public unicast addresses; everything that
 * reaches this machine, its private networks or a cloud's metadata service is refused.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";

/** Why an address is refused. `allowPrivate` lifts only the first four. */
export type AddressCategory =
  | "loopback"
  | "private"
  | "link-local"
  | "cgnat"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "reserved"
  | "metadata";

const LIFTED_BY_ALLOW_PRIVATE: ReadonlySet<AddressCategory> = new Set(["loopback", "private", "link-local", "cgnat"]);

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (dns.lookup with all: true by default). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

export type UrlRefusedReason = "invalid-url" | "protocol" | "credentials" | "address" | "unresolvable";

/** The URL may not be fetched; `message` says why in words a user can act on. */
export class UrlRefusedError extends Error {
  readonly reason: UrlRefusedReason;
  readonly category?: AddressCategory;

  constructor(reason: UrlRefusedReason, message: string, category?: AddressCategory) {
    super(message);
    this.name = "UrlRefusedError";
    this.reason = reason;
    this.category = category;
  }
}

export interface PublicUrlOptions {
  /** Allow loopback, private, link-local and CGNAT addresses (local testing: ALLOW_PRIVATE_URLS=1). */
  allowPrivate?: boolean;
  resolve?: Resolver;
}

// ---------------------------------------------------------------------------------------------
// IPv4

interface V4Range {
  base: number;
  bits: number;
  category: AddressCategory;
}

function v4(text: string): number {
  return text.split(".").reduce((value, part) => value * 256 + Number(part), 0);
}

function range4(cidr: string, category: AddressCategory): V4Range {
  const [base, bits] = cidr.split("/");
  return { base: v4(base), bits: Number(bits), category };
}

/** Checked in order: the first match wins, so specific entries (metadata) come first. */
const V4_RANGES: V4Range[] = [
  range4("169.254.169.254/32", "metadata"), // AWS, GCP, Azure, OpenStack, DigitalOcean...
  range4("169.254.170.2/32", "metadata"), // AWS ECS task metadata
  range4("100.100.100.200/32", "metadata"), // Alibaba Cloud
  range4("168.63.129.16/32", "metadata"), // Azure wire server (a public address!)
  range4("192.0.0.192/32", "metadata"), // Oracle Cloud
  range4("255.255.255.255/32", "broadcast"),
  range4("0.0.0.0/8", "unspecified"),
  range4("10.0.0.0/8", "private"),
  range4("100.64.0.0/10", "cgnat"),
  range4("127.0.0.0/8", "loopback"),
  range4("169.254.0.0/16", "link-local"),
  range4("172.16.0.0/12", "private"),
  range4("192.0.0.0/24", "reserved"), // IETF protocol assignments
  range4("192.0.2.0/24", "reserved"), // TEST-NET-1
  range4("192.88.99.0/24", "reserved"), // 6to4 relay anycast
  range4("192.168.0.0/16", "private"),
  range4("198.18.0.0/15", "reserved"), // benchmarking
  range4("198.51.100.0/24", "reserved"), // TEST-NET-2
  range4("203.0.113.0/24", "reserved"), // TEST-NET-3
  range4("224.0.0.0/4", "multicast"),
  range4("240.0.0.0/4", "reserved"),
];

function classifyV4Number(value: number): AddressCategory | null {
  for (const { base, bits, category } of V4_RANGES) {
    const size = 2 ** (32 - bits);
    if (value >= base && value < base + size) return category;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// IPv6

/** The eight 16-bit groups of an IPv6 address (zone index dropped), or null when it is not one. */
export function parseIPv6(text: string): number[] | null {
  const address = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (isIP(address) !== 6) return null;
  let head = address;
  const groups: number[] = [];
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) becomes two groups.
  const dotted = head.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  let tail: number[] = [];
  if (dotted) {
    const value = v4(dotted[2]);
    tail = [Math.floor(value / 65536), value % 65536];
    head = dotted[1].endsWith("::") ? dotted[1] : dotted[1].slice(0, -1);
  }
  const [left, right] = head.includes("::") ? head.split("::") : [head, undefined];
  const parse = (part: string) => (part ? part.split(":").map((group) => parseInt(group, 16)) : []);
  const leftGroups = parse(left);
  const rightGroups = [...parse(right ?? ""), ...tail];
  if (right === undefined) return [...leftGroups, ...tail];
  const zeros = 8 - leftGroups.length - rightGroups.length;
  groups.push(...leftGroups, ...new Array(Math.max(0, zeros)).fill(0), ...rightGroups);
  return groups;
}

function embeddedV4(groups: number[], index: number): number {
  return groups[index] * 65536 + groups[index + 1];
}

function classifyV6Groups(g: number[]): AddressCategory | null {
  const allZeroUpTo = (n: number) => g.slice(0, n).every((group) => group === 0);
  // ::ffff:a.b.c.d (IPv4-mapped) and ::ffff:0:a.b.c.d (IPv4-translated): judged as the IPv4 address.
  if (allZeroUpTo(5) && g[5] === 0xffff) return classifyV4Number(embeddedV4(g, 6));
  if (allZeroUpTo(4) && g[4] === 0xffff && g[5] === 0) return classifyV4Number(embeddedV4(g, 6));
  if (allZeroUpTo(7) && g[7] === 0) return "unspecified";
  if (allZeroUpTo(7) && g[7] === 1) return "loopback";
  // ::a.b.c.d (deprecated IPv4-compatible): judged as the IPv4 address.
  if (allZeroUpTo(6)) return classifyV4Number(embeddedV4(g, 6)) ?? "reserved";
  // 64:ff9b::/96 (NAT64 well-known prefix) reaches the embedded IPv4 address.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0)) {
    return classifyV4Number(embeddedV4(g, 6));
  }
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return "private"; // local-use NAT64, 64:ff9b:1::/48
  if (g[0] === 0x2002) return classifyV4Number(embeddedV4(g, 1)); // 6to4 embeds an IPv4 address
  if (g[0] === 0x2001 && g[1] === 0) return "reserved"; // Teredo (obfuscated IPv4 inside)
  if (g[0] === 0x2001 && g[1] === 0xdb8) return "reserved"; // documentation
  if (g[0] === 0x100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return "reserved"; // discard-only
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((group) => group === 0) && g[7] === 0x254) {
    return "metadata"; // AWS instance metadata over IPv6
  }
  if ((g[0] & 0xfe00) === 0xfc00) return "private"; // unique local fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local"; // fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return "private"; // deprecated site-local fec0::/10
  if ((g[0] & 0xff00) === 0xff00) return "multicast";
  return null;
}

// ---------------------------------------------------------------------------------------------

/**
 * The category that makes `address` (an IPv4 or IPv6 literal) off limits, or null for a public
 * unicast address. Throws for text that is not an IP address.
 */
export function classifyAddress(address: string): AddressCategory | null {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare.replace(/%.*$/, ""));
  if (family === 4) return classifyV4Number(v4(bare));
  if (family === 6) return classifyV6Groups(parseIPv6(bare)!);
  throw new Error(`Not an IP address: ${address}`);
}

/** True when a server-side request may go to `address` under the given options. */
export function isAllowedAddress(address: string, options: { allowPrivate?: boolean } = {}): boolean {
  const category = classifyAddress(address);
  return category === null || (options.allowPrivate === true && LIFTED_BY_ALLOW_PRIVATE.has(category));
}

const CATEGORY_WORDS: Record<AddressCategory, string> = {
  loopback: "a loopback address (this machine)",
  private: "a private network address",
  "link-local": "a link-local address",
  cgnat: "a carrier-grade NAT (shared) address",
  unspecified: "the unspecified address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
  reserved: "a reserved or documentation address",
  metadata: "a cloud metadata service address",
};

/** Throws UrlRefusedError unless `address` may be contacted. `host` names it in the message. */
export function assertAllowedAddress(address: string, host: string, options: { allowPrivate?: boolean } = {}): void {
  if (isAllowedAddress(address, options)) return;
  const category = classifyAddress(address)!;
  const shown = host === address ? address : `${host} (${address})`;
  const hint = LIFTED_BY_ALLOW_PRIVATE.has(category) ? " Use a publicly reachable URL (ALLOW_PRIVATE_URLS=1 permits this for local testing)." : " Use a publicly reachable URL.";
  throw new UrlRefusedError("address", `Refused to connect to ${shown}: it is ${CATEGORY_WORDS[category]}.${hint}`, category);
}

/** Host names that must never be fetched whatever DNS says. */
function isForbiddenName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, "");
  return name === "localhost" || name.endsWith(".localhost") || name === "metadata.google.internal" || name === "metadata";
}

/**
 * Parses `raw` and checks the scheme: only http: and https:, no user:password@. The returned
 * URL's hostname is normalised (IPv4 in any notation becomes dotted decimal).
 */
export function parseFetchableUrl(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new UrlRefusedError("invalid-url", `Not a valid URL: ${JSON.stringify(String(raw).slice(0, 200))}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UrlRefusedError("protocol", `Only http:// and https:// URLs can be fetched, not ${url.protocol}//.`);
  }
  if (url.username || url.password) {
    throw new UrlRefusedError("credentials", "URLs with a user name or password (user:pass@host) are not accepted.");
  }
  if (!url.hostname) throw new UrlRefusedError("invalid-url", "The URL has no host.");
  return url;
}

/**
 * Checks a URL before the server fetches it: the scheme, then every address the host resolves
 * to (any one refused refuses the URL). Returns the addresses to connect to, so the connection
 * can be pinned to what was checked (see createPinnedAgent).
 */
export async function assertPublicUrl(
  raw: string | URL,
  options: PublicUrlOptions = {},
): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  const url = parseFetchableUrl(raw);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = isIP(host);
  if (literal) {
    assertAllowedAddress(host, host, options);
    return { url, addresses: [{ address: host, family: literal === 6 ? 6 : 4 }] };
  }
  if (isForbiddenName(host)) {
    if (!options.allowPrivate || host.toLowerCase().includes("metadata")) {
      throw new UrlRefusedError("address", `Refused to connect to ${host}: it names this machine or a cloud metadata service. Use a publicly reachable URL.`, "loopback");
    }
  }
  const addresses = await resolveChecked(host, options);
  return { url, addresses };
}

/** Resolves `host` and checks every address; throws UrlRefusedError for none or any refused. */
export async function resolveChecked(host: string, options: PublicUrlOptions = {}): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? systemResolver)(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UrlRefusedError("unresolvable", `The host ${host} could not be resolved${code ? ` (${code})` : ""}: check the URL.`);
  }
  if (addresses.length === 0) throw new UrlRefusedError("unresolvable", `The host ${host} has no address: check the URL.`);
  for (const { address } of addresses) assertAllowedAddress(address, host, options);
  return addresses;
}
