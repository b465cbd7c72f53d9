import type { StoredUpload } from "@/lib/api/assets/store-upload";

/** The Asset row data for a stored upload of the user. */
export function uploadAssetRow(userId: number, upload: StoredUpload) {
  return {
    id: upload.assetId,
    userId,
    kind: "upload",
    fileName: upload.fileName,
    contentType: upload.contentType,
    size: BigInt(upload.size),
    storageKey: upload.storageKey,
    previewStatus: upload.media.kind === "video" ? "pending" : null,
  };
}
