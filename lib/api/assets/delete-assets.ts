import { db } from "@/lib/db";
import { getStorage } from "@/lib/storage";

/** Deletes the user's assets with these ids: rows first, then their files. */
export async function deleteAssets(userId: number, assetIds: string[]): Promise<void> {
  if (assetIds.length === 0) return;
  const assets = await db.asset.findMany({ where: { userId, id: { in: assetIds } }, select: { id: true, storageKey: true } });
  await db.asset.deleteMany({ where: { userId, id: { in: assets.map((asset) => asset.id) } } });
  const storage = getStorage();
  await Promise.all(assets.map((asset) => storage.delete(asset.storageKey)));
}
