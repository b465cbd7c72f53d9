import { assetUrlSignature } from "@/lib/api/assets/asset-url-signature";
import { buildAssetUrl } from "@/lib/api/assets/build-asset-url";
import { env } from "@/lib/env";

/**
 * A capability URL of a task's file: downloads without a token until SIGNED_URL_TTL_SECONDS from
 * now, and no longer once the task is deleted or its linkVersion bumped (a share link revoked).
 */
export function signAssetUrl(
  baseUrl: string,
  file: { assetId: string; fileName: string; taskId: number; linkVersion: number },
  now = Date.now(),
): string {
  const expires = Math.floor(now / 1000) + env.SIGNED_URL_TTL_SECONDS;
  const signature = assetUrlSignature({ ...file, expires });
  const query = new URLSearchParams({ task: String(file.taskId), expires: String(expires), signature });
  return `${buildAssetUrl(baseUrl, file.assetId, file.fileName)}?${query}`;
}
