import { getPublicBaseUrl } from "@/lib/api/public-base-url";

/** The absolute URL of a share's public page (or of one of its media routes with `suffix`). */
export function buildShareUrl(slug: string, suffix = ""): string {
  return `${getPublicBaseUrl()}/s/${encodeURIComponent(slug)}${suffix}`;
}
