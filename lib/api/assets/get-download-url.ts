import { downloadQuerySchema } from "@/lib/api/assets/schemas";
import { ApiError } from "@/lib/api/errors";
import { signAssetUrl } from "@/lib/api/assets/sign-asset-url";
import { getRequestBaseUrl } from "@/lib/api/request-base-url";
import { resultFileNames } from "@/lib/api/tasks/result-file-names";
import { TASK_STATUS } from "@/lib/api/tasks/schemas";
import { db } from "@/lib/db";

/** GET /v1/kling/assets/download?workIds=...&fileTypes=MP4: the URL of a succeeded task's MP4. */
export async function getDownloadUrl(userId: number, searchParams: URLSearchParams): Promise<{ cdnUrl: string }> {
  const { workIds: workId } = downloadQuerySchema.parse(Object.fromEntries(searchParams));
  const task = await db.task.findFirst({ where: { id: workId, userId }, select: { id: true, status: true, resultAssetId: true, linkVersion: true } });
  if (!task || task.status !== TASK_STATUS.succeed || !task.resultAssetId) {
    throw new ApiError("not_found", `Work ${workId} was not found: use works[0].workId of a succeeded task (GET /v1/kling/tasks/{task_id}).`);
  }
  const file = { assetId: task.resultAssetId, fileName: resultFileNames(task.id).video, taskId: task.id, linkVersion: task.linkVersion };
  return { cdnUrl: signAssetUrl(await getRequestBaseUrl(), file) };
}
