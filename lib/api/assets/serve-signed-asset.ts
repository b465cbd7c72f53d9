import { z } from "zod";
import { type SignedAssetClaim, signatureMatches } from "@/lib/api/assets/asset-url-signature";
import { streamAsset } from "@/lib/api/assets/serve-asset";
import { ApiError, RESOURCE_NOT_FOUND } from "@/lib/api/errors";
import { db } from "@/lib/db";

export const signedAssetQuerySchema = z.object({
  task: z.string().regex(/^[1-9]\d{0,9}$/),
  expires: z.string().regex(/^\d{1,12}$/).transform(Number),
  signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

const INVALID = "This download link is invalid (it was changed or cut short). Use the URL exactly as the API answered it.";
const FRESH = "GET /v1/kling/tasks/{task_id} again for a fresh one";

/** Whether a request for an asset carries a signature (it then needs no token). */
export function isSignedAssetRequest(searchParams: URLSearchParams): boolean {
  return searchParams.has("signature");
}

/**
 * GET /v1/kling/assets/{id}/{fileName}?task=&expires=&signature=: a task's result or cover
 * without a token, as useapi.net clients download Kling's CDN links. 403 when the signature does
 * not match, 410 when it expired or the task's links were revoked, 404 when the task is deleted.
 */
export async function serveSignedAsset(req: Request, assetId: string, searchParams: URLSearchParams): Promise<Response> {
  const query = signedAssetQuerySchema.safeParse(Object.fromEntries(searchParams));
  if (!query.success) throw new ApiError("forbidden", INVALID);
  const { task: taskId, expires, signature } = query.data;

  const task = await db.task.findUnique({
    where: { id: Number(taskId) },
    select: { id: true, userId: true, linkVersion: true, resultAssetId: true, coverAssetId: true },
  });
  if (!task) throw new ApiError("not_found", RESOURCE_NOT_FOUND);
  const claim = (linkVersion: number): SignedAssetClaim => ({ assetId, taskId: task.id, linkVersion, expires });
  if (!signatureMatches(signature, claim(task.linkVersion))) {
    const olderVersion = Array.from({ length: task.linkVersion }, (_, version) => version).some((version) =>
      signatureMatches(signature, claim(version)),
    );
    if (olderVersion) throw new ApiError("gone", `This download link was revoked by the task's owner: ${FRESH}.`);
    throw new ApiError("forbidden", INVALID);
  }
  if (expires * 1000 < Date.now()) {
    throw new ApiError("gone", `This download link expired at ${new Date(expires * 1000).toISOString()}: ${FRESH}.`);
  }
  const asset =
    assetId === task.resultAssetId || assetId === task.coverAssetId
      ? await db.asset.findFirst({ where: { id: assetId, userId: task.userId } })
      : null;
  if (!asset) throw new ApiError("not_found", RESOURCE_NOT_FOUND);
  // no-store: a revoke or a delete applies at once, as for share links.
  return streamAsset(req, asset, { cacheControl: "private, no-store" });
}
