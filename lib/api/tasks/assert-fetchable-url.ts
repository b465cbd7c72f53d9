import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { assertPublicUrl, UrlRefusedError } from "@/lib/net/assert-public-url";

/** 400 unless the server may fetch (or post to) this URL: public http(s) addresses only. */
export async function assertFetchableUrl(name: string, url: string): Promise<void> {
  try {
    await assertPublicUrl(url, { allowPrivate: env.ALLOW_PRIVATE_URLS });
  } catch (error) {
    if (error instanceof UrlRefusedError) throw new ApiError("bad_request", `Parameter ${name} is refused: ${error.message}`);
    throw error;
  }
}
