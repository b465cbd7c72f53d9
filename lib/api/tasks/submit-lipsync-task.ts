import { uploadAssetRow } from "@/lib/api/assets/upload-asset-row";
import type { StoredUpload } from "@/lib/api/assets/store-upload";
import { resolveAccount } from "@/lib/api/accounts/resolve-account";
import { ApiError } from "@/lib/api/errors";
import { toUploadError } from "@/lib/api/http/to-upload-error";
import { getRequestBaseUrl } from "@/lib/api/request-base-url";
import { assertFetchableUrl } from "@/lib/api/tasks/assert-fetchable-url";
import { checkLocalMedia } from "@/lib/api/tasks/check-local-media";
import { resolveMediaInput } from "@/lib/api/tasks/resolve-media-input";
import { lipsyncRequestSchema, type TaskResponse } from "@/lib/api/tasks/schemas";
import { serializeTask } from "@/lib/api/tasks/serialize-task";
import { db } from "@/lib/db";
import { enqueueLipsyncTask } from "@/lib/jobs/lipsync/enqueue-lipsync-task";
import { queuePreview } from "@/lib/jobs/previews/queue-preview";
import { getStorage } from "@/lib/storage";

export type SubmitInput = {
  userId: number;
  /** The request's fields, checked here (lipsyncRequestSchema). */
  fields: unknown;
  /** Files stored for this request; all are deleted when it is refused. */
  uploads: StoredUpload[];
  /** Aborts the checks (the request went away or timed out). */
  signal: AbortSignal;
};

/**
 * A new lip-sync task, from the API or the studio: checks everything (inputs, account, limits),
 * then in one transaction stores the request's uploads and the task, and queues it. Whatever
 * fails, nothing is left half-written: uploads of a refused request are deleted.
 */
export async function submitLipsyncTask({ userId, fields, uploads, signal }: SubmitInput): Promise<TaskResponse> {
  let taskId: number | undefined;
  try {
    const request = lipsyncRequestSchema.parse(fields);
    const account = await resolveAccount(userId, request.email);
    const tasksUsed = await db.task.count({ where: { accountId: account.id } });
    if (tasksUsed >= account.taskLimit) {
      throw new ApiError(
        "bad_request",
        `Account ${account.email} has used its limit of ${account.taskLimit} tasks. Delete finished tasks (DELETE /v1/kling/tasks/{task_id}) to free places.`,
      );
    }

    const baseUrl = await getRequestBaseUrl();
    const video = await resolveMediaInput({ userId, name: "video", url: request.video, baseUrl, uploaded: uploads });
    const audio = await resolveMediaInput({ userId, name: "audio", url: request.audio, baseUrl, uploaded: uploads });
    if (request.replyUrl) await assertFetchableUrl("replyUrl", request.replyUrl);
    await checkLocalMedia("video", video, signal);
    await checkLocalMedia("audio", audio, signal);

    const used = uploads.filter((upload) => upload.assetId === (video.local && video.assetId) || upload.assetId === (audio.local && audio.assetId));
    const task = await db.$transaction(async (tx) => {
      for (const upload of used) await tx.asset.create({ data: uploadAssetRow(userId, upload) });
      if (request.maxJobs !== undefined && request.maxJobs !== account.maxJobs) {
        await tx.account.update({ where: { id: account.id }, data: { maxJobs: request.maxJobs } });
      }
      return tx.task.create({
        data: {
          userId,
          accountId: account.id,
          videoUrl: video.url,
          audioUrl: audio.url,
          videoAssetId: video.local ? video.assetId : null,
          audioAssetId: audio.local ? audio.assetId : null,
          audioFileName: audio.local ? audio.fileName : null,
          replyUrl: request.replyUrl ?? null,
          replyRef: request.replyRef ?? null,
          facePointX: request.facePoint?.x ?? null,
          facePointY: request.facePoint?.y ?? null,
        },
      });
    });
    taskId = task.id;
    // Uploads the task does not use (none today) are not kept.
    for (const upload of uploads) if (!used.includes(upload)) await getStorage().delete(upload.storageKey);
    uploads.length = 0;
    for (const upload of used) if (upload.media.kind === "video") await queuePreview(upload.assetId);

    await enqueueLipsyncTask(task.id);
    return serializeTask(task, { ...account, tasksUsed: tasksUsed + 1 }, baseUrl);
  } catch (error) {
    if (taskId !== undefined) {
      // Queueing failed: the task never existed for the client.
      const task = await db.task.delete({ where: { id: taskId } }).catch(() => null);
      const assetIds = [task?.videoAssetId, task?.audioAssetId].filter((id): id is string => Boolean(id));
      const fresh = await db.asset.findMany({ where: { id: { in: assetIds }, createdAt: { gte: task?.createdAt } } });
      await db.asset.deleteMany({ where: { id: { in: fresh.map((asset) => asset.id) } } });
      for (const asset of fresh) await getStorage().delete(asset.storageKey);
    }
    for (const upload of uploads) await getStorage().delete(upload.storageKey);
    throw toUploadError(error, signal);
  }
}
