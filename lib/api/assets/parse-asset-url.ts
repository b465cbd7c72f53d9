/**
 * Whether `url` points into this server's asset space, `${base}/v1/kling/assets/...`:
 * null when it does not (an outside URL), else the asset id it names (null id when the path
 * is not `{id}/{fileName}`: such a URL can only be a missing asset).
 */
export function parseAssetUrl(url: string, baseUrl: string): { assetId: string | null } | null {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(baseUrl);
  } catch {
    return null;
  }
  if (target.origin !== base.origin) return null;
  const prefix = `${base.pathname.replace(/\/+$/, "")}/v1/kling/assets/`;
  if (!target.pathname.startsWith(prefix)) return null;
  const segments = target.pathname.slice(prefix.length).split("/");
  if (segments.length !== 2 || !segments[0] || !segments[1]) return { assetId: null };
  let assetId: string;
  try {
    assetId = decodeURIComponent(segments[0]);
  } catch {
    return { assetId: null };
  }
  return { assetId: /^[A-Za-z0-9_-]{1,64}$/.test(assetId) ? assetId : null };
}
