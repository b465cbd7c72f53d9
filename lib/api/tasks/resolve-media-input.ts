import { findUserAsset } from "@/lib/api/assets/find-user-asset";
import { parseOwnAssetUrl } from "@/lib/api/assets/parse-own-asset-url";
import type { StoredUpload } from "@/lib/api/assets/store-upload";
import { assertFetchableUrl } from "@/lib/api/tasks/assert-fetchable-url";

/** A task input: an asset of ours (uploaded now or before), or an outside URL the worker will fetch. */
export type MediaInput =
  | { local: true; url: string; assetId: string; fileName: string; storageKey: string; contentType: string }
  | { local: false; url: string };

/**
 * What `url` designates: a URL into this server's asset space (by any of its names, see
 * parseOwnAssetUrl) must name an asset of the user
 * (404 in the Kling form otherwise; it is never fetched), any other URL must be a public
 * http(s) URL (400 otherwise). `uploaded` holds the files of this very request, not yet in the
 * database.
 */
export async function resolveMediaInput(input: {
  userId: number;
  name: "video" | "audio";
  url: string;
  baseUrl: string;
  uploaded: StoredUpload[];
}): Promise<MediaInput> {
  const local = await parseOwnAssetUrl(input.url, input.baseUrl);
  if (!local) {
    await assertFetchableUrl(input.name, input.url);
    return { local: false, url: input.url };
  }
  const fresh = input.uploaded.find((upload) => upload.assetId === local.assetId);
  if (fresh) {
    return { local: true, url: input.url, assetId: fresh.assetId, fileName: fresh.fileName, storageKey: fresh.storageKey, contentType: fresh.contentType };
  }
  const asset = await findUserAsset(input.userId, local.assetId);
  return { local: true, url: input.url, assetId: asset.id, fileName: asset.fileName, storageKey: asset.storageKey, contentType: asset.contentType };
}
