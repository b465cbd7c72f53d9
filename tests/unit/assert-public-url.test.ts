import type { LookupAddress } from "node:dns";
import { describe, expect, it, vi } from "vitest";
import {
  assertPublicUrl,
  classifyAddress,
  isAllowedAddress,
  parseIPv6,
  UrlRefusedError,
  type Resolver,
} from "@/lib/net/assert-public-url";
import { createPinnedLookup } from "@/lib/net/pinned-lookup";

/** A resolver answering from a fixed table, like a (possibly hostile) DNS server. */
function stubResolver(table: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const found = table[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: (address.includes(":") ? 6 : 4) as 4 | 6 }));
  };
  return Object.assign(resolve, { calls });
}

async function refusal(url: string, options: Parameters<typeof assertPublicUrl>[1] = {}): Promise<UrlRefusedError> {
  const error = await assertPublicUrl(url, { resolve: stubResolver({}), ...options }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `${url} should be refused`).toBeInstanceOf(UrlRefusedError);
  return error as UrlRefusedError;
}

describe("classifyAddress: IPv4", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.0.1", "link-local"],
    ["169.254.169.254", "metadata"],
    ["169.254.170.2", "metadata"],
    ["100.100.100.200", "metadata"],
    ["168.63.129.16", "metadata"],
    ["192.0.0.192", "metadata"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
    ["198.51.100.7", "reserved"],
    ["203.0.113.9", "reserved"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
  ])("%s is %s", (address, category) => {
    expect(classifyAddress(address)).toBe(category);
  });

  it.each(["8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "169.253.255.255", "223.255.255.255"])(
    "%s is public",
    (address) => {
      expect(classifyAddress(address)).toBeNull();
    },
  );
});

describe("classifyAddress: IPv6", () => {
  it.each([
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:a9fe:a9fe", "metadata"],
    ["::ffff:169.254.169.254", "metadata"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:0:192.168.0.1", "private"],
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b::a9fe:a9fe", "metadata"],
    ["64:ff9b:1::1", "private"],
    ["2002:7f00:1::", "loopback"],
    ["2002:c0a8:101::1", "private"],
    ["2001:0:4136:e378::1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["100::1", "reserved"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fd00:ec2::254", "metadata"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["fec0::1", "private"],
    ["ff02::1", "multicast"],
    ["[::1]", "loopback"],
  ])("%s is %s", (address, category) => {
    expect(classifyAddress(address)).toBe(category);
  });

  it.each(["2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"])("%s is public", (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  it("parses every IPv6 notation into eight groups", () => {
    expect(parseIPv6("::")).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIPv6("1::")).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIPv6("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIPv6("1:2:3:4:5:6:1.2.3.4")).toEqual([1, 2, 3, 4, 5, 6, 0x0102, 0x0304]);
    expect(parseIPv6("2001:db8::8:800:200c:417a")).toEqual([0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]);
    expect(parseIPv6("not an address")).toBeNull();
  });
});

describe("allowPrivate (ALLOW_PRIVATE_URLS=1)", () => {
  it("lifts loopback, private, link-local and CGNAT addresses", () => {
    for (const address of ["127.0.0.1", "::1", "10.0.0.1", "192.168.1.1", "fd00::1", "169.254.1.1", "fe80::1", "100.64.0.1", "::ffff:127.0.0.1"]) {
      expect(isAllowedAddress(address), address).toBe(false);
      expect(isAllowedAddress(address, { allowPrivate: true }), address).toBe(true);
    }
  });

  it("never lifts cloud metadata, multicast, broadcast or unspecified addresses", () => {
    for (const address of ["169.254.169.254", "fd00:ec2::254", "100.100.100.200", "224.0.0.1", "ff02::1", "255.255.255.255", "0.0.0.0", "::"]) {
      expect(isAllowedAddress(address, { allowPrivate: true }), address).toBe(false);
    }
  });
});

describe("assertPublicUrl", () => {
  it("accepts an http(s) URL whose host resolves only to public addresses, and returns them", async () => {
    const resolve = stubResolver({ "cdn.example.com": ["93.184.216.34", "2606:2800:220:1::1"] });
    const { url, addresses } = await assertPublicUrl("https://cdn.example.com/video.mp4", { resolve });
    expect(url.hostname).toBe("cdn.example.com");
    expect(addresses.map((a) => a.address)).toEqual(["93.184.216.34", "2606:2800:220:1::1"]);
  });

  it.each([
    "file:///etc/passwd",
    "ftp://example.com/video.mp4",
    "gopher://example.com/",
    "data:text/plain,hello",
    "javascript:alert(1)",
    "ws://example.com/",
  ])("refuses the scheme of %s", async (url) => {
    expect((await refusal(url)).reason).toBe("protocol");
  });

  it("refuses text that is not a URL, and user:password@ URLs", async () => {
    expect((await refusal("not a url")).reason).toBe("invalid-url");
    expect((await refusal("http://user:secret@example.com/")).reason).toBe("credentials");
  });

  it.each([
    ["http://127.0.0.1/", "loopback"],
    ["http://127.1/", "loopback"],
    ["http://2130706433/", "loopback"], // decimal
    ["http://017700000001/", "loopback"], // octal
    ["http://0177.0.0.1/", "loopback"], // octal dotted
    ["http://0x7f000001/", "loopback"], // hex
    ["http://0x7f.0.0.1/", "loopback"], // hex dotted
    ["http://0/", "unspecified"],
    ["http://0.0.0.0:8080/", "unspecified"],
    ["http://[::1]/", "loopback"],
    ["http://[::]/", "unspecified"],
    ["http://[::ffff:127.0.0.1]/", "loopback"],
    ["http://[0:0:0:0:0:ffff:7f00:1]/", "loopback"],
    ["http://[::ffff:169.254.169.254]/", "metadata"],
    ["http://169.254.169.254/latest/meta-data/", "metadata"],
    ["http://2852039166/", "metadata"], // 169.254.169.254 as one number
    ["http://[fd00:ec2::254]/", "metadata"],
    ["http://10.0.0.5/", "private"],
    ["http://172.20.1.1/", "private"],
    ["http://192.168.0.1/", "private"],
    ["http://100.64.1.1/", "cgnat"],
    ["http://169.254.10.10/", "link-local"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[fc00::1]/", "private"],
    ["http://224.0.0.251/", "multicast"],
    ["http://[ff02::1]/", "multicast"],
    ["http://255.255.255.255/", "broadcast"],
  ])("refuses the IP literal in %s (%s)", async (url, category) => {
    const error = await refusal(url);
    expect(error.reason).toBe("address");
    expect(error.category).toBe(category);
    expect(error.message).toMatch(/^Refused to connect to /);
  });

  it("refuses localhost and metadata host names before asking DNS", async () => {
    const resolve = stubResolver({});
    for (const url of ["http://localhost/", "http://LOCALHOST.:3000/", "http://api.localhost/", "http://metadata.google.internal/computeMetadata/v1/"]) {
      expect((await refusal(url, { resolve })).reason).toBe("address");
    }
    expect(resolve.calls).toEqual([]);
  });

  it("refuses a DNS name that resolves to a private address", async () => {
    const resolve = stubResolver({
      "internal.example.com": ["10.1.2.3"],
      "rebind.example.com": ["127.0.0.1"],
      "meta.example.com": ["169.254.169.254"],
      "v6.example.com": ["::1"],
      "mapped.example.com": ["::ffff:192.168.1.1"],
    });
    for (const host of Object.keys({ "internal.example.com": 0, "rebind.example.com": 0, "meta.example.com": 0, "v6.example.com": 0, "mapped.example.com": 0 })) {
      const error = await refusal(`https://${host}/a.mp4`, { resolve });
      expect(error.reason).toBe("address");
      expect(error.message).toContain(host);
    }
  });

  it("refuses a name when any one of its addresses is private", async () => {
    const resolve = stubResolver({ "mixed.example.com": ["93.184.216.34", "192.168.1.10"] });
    expect((await refusal("https://mixed.example.com/", { resolve })).category).toBe("private");
  });

  it("refuses a name that does not resolve", async () => {
    const error = await refusal("https://nowhere.invalid/", { resolve: stubResolver({}) });
    expect(error.reason).toBe("unresolvable");
    expect(error.message).toContain("ENOTFOUND");
  });

  it("with allowPrivate accepts loopback and private names but still refuses metadata", async () => {
    const resolve = stubResolver({ "dev.example.com": ["192.168.1.10"], "meta.example.com": ["169.254.169.254"] });
    await expect(assertPublicUrl("http://127.0.0.1:8080/", { allowPrivate: true, resolve })).resolves.toBeTruthy();
    await expect(assertPublicUrl("http://localhost:8080/", { allowPrivate: true, resolve: stubResolver({ localhost: ["127.0.0.1"] }) })).resolves.toBeTruthy();
    await expect(assertPublicUrl("http://dev.example.com/", { allowPrivate: true, resolve })).resolves.toBeTruthy();
    expect((await refusal("http://169.254.169.254/", { allowPrivate: true })).category).toBe("metadata");
    expect((await refusal("http://meta.example.com/", { allowPrivate: true, resolve })).category).toBe("metadata");
    expect((await refusal("http://metadata.google.internal/", { allowPrivate: true, resolve })).reason).toBe("address");
  });
});

describe("pinned lookup (DNS rebinding)", () => {
  function lookupOnce(lookup: ReturnType<typeof createPinnedLookup>, host: string, all = true) {
    return new Promise<{ error: Error | null; addresses: LookupAddress[] | string }>((resolve) => {
      lookup(host, { all }, (error, addresses) => resolve({ error, addresses }));
    });
  }

  it("connects to the pinned (checked) addresses without asking DNS again", async () => {
    const resolve = vi.fn(async () => [{ address: "127.0.0.1", family: 4 as const }]);
    const pins = new Map([["cdn.example.com", [{ address: "93.184.216.34", family: 4 as const }]]]);
    const result = await lookupOnce(createPinnedLookup({ pins, resolve }), "cdn.example.com");
    expect(result.error).toBeNull();
    expect(result.addresses).toEqual([{ address: "93.184.216.34", family: 4 }]);
    expect(resolve).not.toHaveBeenCalled();
  });

  it("checks the addresses of an unpinned host in the socket's own lookup", async () => {
    const resolve = stubResolver({ "evil.example.com": ["169.254.169.254"], "ok.example.com": ["8.8.8.8"] });
    const lookup = createPinnedLookup({ resolve });
    const refused = await lookupOnce(lookup, "evil.example.com");
    expect(refused.error).toBeInstanceOf(UrlRefusedError);
    const allowed = await lookupOnce(lookup, "ok.example.com", false);
    expect(allowed.error).toBeNull();
    expect(allowed.addresses).toBe("8.8.8.8");
  });
});
