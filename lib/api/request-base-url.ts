import { headers } from "next/headers";
import { baseUrlFromHeaders } from "@/lib/api/base-url-from-headers";
import { getPublicBaseUrl } from "@/lib/api/public-base-url";

/**
 * The base of the absolute links of the answer being made (route handler, page or server
 * action): see baseUrlFromHeaders. Outside a request (the worker's callbacks, scripts) there is
 * no host to go by: getPublicBaseUrl(), so set PUBLIC_BASE_URL for links in callbacks.
 */
export async function getRequestBaseUrl(): Promise<string> {
  let requestHeaders: Headers;
  try {
    requestHeaders = await headers();
  } catch {
    return getPublicBaseUrl();
  }
  return baseUrlFromHeaders(requestHeaders);
}
