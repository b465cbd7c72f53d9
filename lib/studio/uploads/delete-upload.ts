import { deleteAssets } from "@/lib/api/assets/delete-assets";
import { ApiError, RESOURCE_NOT_FOUND } from "@/lib/api/errors";
import { TASK_STATUS } from "@/lib/api/tasks/schemas";
import { db } from "@/lib/db";
import { StudioError } from "@/lib/studio/studio-error";

/**
 * Deletes one of the user's uploads with its file, preview and poster; refused while a task that
 * uses it waits or runs. Finished tasks keep their result; their page then says the original is gone.
 */
export async function deleteUpload(userId: number, assetId: string): Promise<void> {
  const asset = await db.asset.findFirst({ where: { id: assetId, userId, kind: "upload" }, select: { id: true, fileName: true } });
  if (!asset) throw new ApiError("not_found", RESOURCE_NOT_FOUND);
  const running = await db.task.findFirst({
    where: {
      userId,
      status: { in: [TASK_STATUS.submitted, TASK_STATUS.processing] },
      OR: [{ videoAssetId: asset.id }, { audioAssetId: asset.id }],
    },
    select: { id: true },
  });
  if (running) {
    throw new StudioError(`${asset.fileName} is used by task ${running.id}, which has not finished. Wait for it or cancel it, then delete the file.`);
  }
  await deleteAssets(userId, [asset.id]);
}
