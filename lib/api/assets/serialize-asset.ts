import { buildAssetUrl } from "@/lib/api/assets/build-asset-url";
import type { AssetResponse } from "@/lib/api/assets/schemas";

/** An uploaded asset as POST /v1/kling/assets returns it. */
export function serializeAsset(
  asset: { id: string; fileName: string; contentType: string; size: bigint | number; createdAt: Date },
  media: { kind: "video" | "audio"; format: string },
  baseUrl: string,
): AssetResponse {
  return {
    url: buildAssetUrl(baseUrl, asset.id, asset.fileName),
    fileName: asset.fileName,
    assetId: asset.id,
    type: media.kind,
    format: media.format,
    contentType: asset.contentType,
    size: Number(asset.size),
    createTime: asset.createdAt.getTime(),
  };
}
