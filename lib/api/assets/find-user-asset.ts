import { ApiError, RESOURCE_NOT_FOUND } from "@/lib/api/errors";
import { db } from "@/lib/db";
import type { Asset } from "@/lib/generated/prisma/client";

/** The user's asset with this id, or 404 in the Kling form (another user's asset looks missing). */
export async function findUserAsset(userId: number, assetId: string | null): Promise<Asset> {
  const asset =
    assetId && /^[A-Za-z0-9_-]{1,64}$/.test(assetId) ? await db.asset.findFirst({ where: { id: assetId, userId } }) : null;
  if (!asset) throw new ApiError("not_found", RESOURCE_NOT_FOUND);
  return asset;
}
