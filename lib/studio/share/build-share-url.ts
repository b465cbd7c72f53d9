import { getRequestBaseUrl } from "@/lib/api/request-base-url";

/** The absolute URL of a share's public page (or of one of its media routes with `suffix`), on the request's host. */
export async function buildShareUrl(slug: string, suffix = ""): Promise<string> {
  return `${await getRequestBaseUrl()}/s/${encodeURIComponent(slug)}${suffix}`;
}
