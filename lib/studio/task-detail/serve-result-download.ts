import { findUserAsset } from "@/lib/api/assets/find-user-asset";
import { streamAsset } from "@/lib/api/assets/serve-asset";
import { ApiError } from "@/lib/api/errors";
import { db } from "@/lib/db";

/** The user's task result as a file to save (Content-Disposition: attachment), with Range support. */
export async function serveResultDownload(req: Request, userId: number, taskId: number): Promise<Response> {
  const task = await db.task.findFirst({ where: { id: taskId, userId }, select: { resultAssetId: true } });
  if (!task?.resultAssetId) throw new ApiError("not_found", `Task ${taskId} has no result to download.`);
  return streamAsset(req, await findUserAsset(userId, task.resultAssetId), { disposition: "attachment" });
}
