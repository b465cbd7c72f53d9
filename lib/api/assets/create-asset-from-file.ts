import { newAssetId } from "@/lib/api/assets/new-asset-id";
import { db } from "@/lib/db";
import type { Asset } from "@/lib/generated/prisma/client";
import { assetStorageKey, getStorage } from "@/lib/storage";

/**
 * Stores a file the server made (a result video or cover) as an asset of `userId`: the file is
 * moved into storage, then the row is written (the file is removed again if that fails).
 * Name results with resultFileNames(taskId) so their URLs read well.
 */
export async function createAssetFromFile(input: {
  userId: number;
  kind: "result" | "cover";
  filePath: string;
  fileName: string;
  contentType: string;
}): Promise<Asset> {
  const id = newAssetId();
  const storageKey = assetStorageKey(id);
  const storage = getStorage();
  const { size } = await storage.putFile(storageKey, input.filePath, { move: true });
  try {
    return await db.asset.create({
      data: {
        id,
        userId: input.userId,
        kind: input.kind,
        fileName: input.fileName,
        contentType: input.contentType,
        size: BigInt(size),
        storageKey,
      },
    });
  } catch (error) {
    await storage.delete(storageKey);
    throw error;
  }
}
