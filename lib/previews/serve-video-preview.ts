import { findUserAsset } from "@/lib/api/assets/find-user-asset";
import { streamAsset } from "@/lib/api/assets/serve-asset";
import { ApiError } from "@/lib/api/errors";
import { previewAsset } from "./preview-asset";

/** GET /api/studio/assets/{id}/{preview|poster}: the owner's video's playable preview or its poster, once made. */
export async function serveVideoPreview(req: Request, userId: number, assetId: string, variant: string): Promise<Response> {
  const file = variant === "preview" ? "video" : variant === "poster" ? "poster" : null;
  if (!file) throw new ApiError("not_found", "There is no such file: use preview or poster.");
  const asset = await findUserAsset(userId, assetId);
  if (asset.previewStatus !== "ready") {
    throw new ApiError("not_found", `The preview of ${asset.fileName} is ${asset.previewStatus === "pending" ? "not made yet: try again in a few seconds" : "not available"}.`);
  }
  return streamAsset(req, previewAsset(asset.id, file));
}
