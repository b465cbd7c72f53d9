import type { LookupAddress, LookupOptions } from "node:dns";
import { isIP } from "node:net";
import { assertAllowedAddress, resolveChecked, type PublicUrlOptions, type ResolvedAddress } from "./assert-public-url";

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export interface PinnedLookupOptions extends PublicUrlOptions {
  /** Addresses already checked per host name (lower case): connections go there and nowhere else. */
  pins?: Map<string, ResolvedAddress[]>;
}

/**
 * A dns.lookup-compatible function for the sockets of server-side requests. A pinned host gets
 * the addresses assertPublicUrl checked (no second DNS query, so a rebinding DNS server cannot
 * swap in 127.0.0.1 after the check); any other host is resolved and checked here, in the lookup
 * the socket itself uses. (IP literals never reach a lookup: they are checked before.)
 */
export function createPinnedLookup(options: PinnedLookupOptions = {}) {
  const { pins = new Map<string, ResolvedAddress[]>() } = options;
  return (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void => {
    const host = hostname.replace(/^\[|\]$/g, "");
    const resolved = isIP(host)
      ? Promise.resolve([{ address: host, family: isIP(host) as 4 | 6 }]).then((list) => {
          assertAllowedAddress(host, host, options);
          return list;
        })
      : pins.has(host.toLowerCase())
        ? Promise.resolve(pins.get(host.toLowerCase())!)
        : resolveChecked(host, options);
    resolved.then(
      (addresses) => {
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? addresses.filter((a) => a.family === lookupOptions.family) : addresses;
        if (wanted.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`No IPv${lookupOptions.family} address for ${host}`);
          error.code = "ENOTFOUND";
          callback(error, "");
        } else if (lookupOptions.all) {
          callback(null, wanted.map(({ address, family }) => ({ address, family })));
        } else {
          callback(null, wanted[0].address, wanted[0].family);
        }
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, ""),
    );
  };
}
