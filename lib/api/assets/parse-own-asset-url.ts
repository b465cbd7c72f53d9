import { isOwnOrigin } from "@/lib/api/assets/is-own-origin";
import { parseAssetUrl } from "@/lib/api/assets/parse-asset-url";

/**
 * parseAssetUrl for a URL that may name this server by another host than `baseUrl`'s
 * (127.0.0.1 for localhost, the LAN name, PUBLIC_BASE_URL's host): recognised by its path once
 * isOwnOrigin says the host is ours. Such a URL is never fetched.
 */
export async function parseOwnAssetUrl(url: string, baseUrl: string): Promise<{ assetId: string | null } | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  if (!(await isOwnOrigin(target, baseUrl))) return null;
  const base = new URL(baseUrl);
  target.protocol = base.protocol;
  target.host = base.host;
  return parseAssetUrl(target.toString(), baseUrl);
}
