import { streamAsset } from "@/lib/api/assets/serve-asset";
import { ApiError, RESOURCE_NOT_FOUND } from "@/lib/api/errors";
import { findPublicShare } from "./find-public-share";

export type ShareMedia = "result" | "original" | "originalPreview" | "cover";

/**
 * A public share's file, for anyone holding the slug: the result, the original (only while the
 * owner shows it) or its playable preview, or the cover; 404 once revoked. Never cached, so a revoke applies at once.
 */
export async function serveShareMedia(req: Request, slug: string, media: ShareMedia): Promise<Response> {
  const share = await findPublicShare(slug);
  const asset = share?.[media];
  if (!asset) throw new ApiError("not_found", RESOURCE_NOT_FOUND);
  return streamAsset(req, asset, { cacheControl: "private, no-store" });
}
