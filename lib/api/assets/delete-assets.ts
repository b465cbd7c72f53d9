import { db } from "@/lib/db";
import { previewKeys } from "@/lib/previews/preview-keys";
import { getStorage } from "@/lib/storage";

/** Deletes the user's assets with these ids: rows first, then their files (and a video's preview and poster). */
export async function deleteAssets(userId: number, assetIds: string[]): Promise<void> {
  if (assetIds.length === 0) return;
  const assets = await db.asset.findMany({ where: { userId, id: { in: assetIds } }, select: { id: true, storageKey: true } });
  await db.asset.deleteMany({ where: { userId, id: { in: assets.map((asset) => asset.id) } } });
  const storage = getStorage();
  const keys = assets.flatMap((asset) => [asset.storageKey, ...Object.values(previewKeys(asset.id))]);
  await Promise.all(keys.map((key) => storage.delete(key)));
}
