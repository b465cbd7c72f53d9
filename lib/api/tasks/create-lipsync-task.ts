import { uploadAssetRow } from "@/lib/api/assets/upload-asset-row";
import { type StoredUpload, storeUpload } from "@/lib/api/assets/store-upload";
import { buildAssetUrl } from "@/lib/api/assets/build-asset-url";
import { resolveAccount } from "@/lib/api/accounts/resolve-account";
import { ApiError } from "@/lib/api/errors";
import { parseMultipart } from "@/lib/api/http/parse-multipart";
import { readJsonBody } from "@/lib/api/http/read-json-body";
import { toUploadError } from "@/lib/api/http/to-upload-error";
import { uploadSignal } from "@/lib/api/http/upload-signal";
import { getPublicBaseUrl } from "@/lib/api/public-base-url";
import { assertFetchableUrl } from "@/lib/api/tasks/assert-fetchable-url";
import { checkLocalMedia } from "@/lib/api/tasks/check-local-media";
import { resolveMediaInput } from "@/lib/api/tasks/resolve-media-input";
import { lipsyncRequestSchema, type TaskResponse } from "@/lib/api/tasks/schemas";
import { serializeTask } from "@/lib/api/tasks/serialize-task";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueueLipsyncTask } from "@/lib/jobs/lipsync/enqueue-lipsync-task";
import { getStorage } from "@/lib/storage";

const TEXT_FIELDS = ["email", "video", "audio", "maxJobs", "replyUrl", "replyRef"] as const;

/** The body's fields; in multipart, video and audio files are streamed to storage on the way. */
async function readFields(req: Request, uploads: StoredUpload[], signal: AbortSignal): Promise<Record<string, unknown>> {
  const contentType = (req.headers.get("content-type") ?? "").toLowerCase();
  if (contentType.startsWith("application/json") || contentType === "") return readJsonBody(req);
  if (!contentType.startsWith("multipart/form-data") && !contentType.startsWith("application/x-www-form-urlencoded")) {
    throw new ApiError("unsupported_media_type", "Content-Type must be application/json or multipart/form-data.");
  }
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > 2 * env.MAX_UPLOAD_BYTES + 1024 * 1024) {
    throw new ApiError("payload_too_large", `The request is larger than two files of ${env.MAX_UPLOAD_BYTES} bytes (MAX_UPLOAD_BYTES).`);
  }
  const baseUrl = getPublicBaseUrl();
  const fileUrls: Record<string, string> = {};
  const fields = await parseMultipart(req, {
    fileFields: ["video", "audio"],
    textFields: TEXT_FIELDS,
    signal,
    onFile: async (file) => {
      const upload = await storeUpload({
        source: file.stream,
        clientFileName: file.fileName,
        label: `the ${file.field} file`,
        maxBytes: env.MAX_UPLOAD_BYTES,
        signal,
      });
      uploads.push(upload);
      fileUrls[file.field] = buildAssetUrl(baseUrl, upload.assetId, upload.fileName);
    },
  });
  return { ...fields, ...fileUrls };
}

/**
 * POST /v1/kling/videos/lipsync: checks everything (inputs, account, limits), then in one
 * transaction stores the request's uploads and the task, and queues it. Whatever fails, nothing
 * is left half-written: uploads of a refused request are deleted.
 */
export async function createLipsyncTask(req: Request, userId: number): Promise<TaskResponse> {
  const signal = uploadSignal(req);
  const uploads: StoredUpload[] = [];
  let taskId: number | undefined;
  try {
    const request = lipsyncRequestSchema.parse(await readFields(req, uploads, signal));
    const account = await resolveAccount(userId, request.email);
    const tasksUsed = await db.task.count({ where: { accountId: account.id } });
    if (tasksUsed >= account.taskLimit) {
      throw new ApiError(
        "bad_request",
        `Account ${account.email} has used its limit of ${account.taskLimit} tasks. Delete finished tasks (DELETE /v1/kling/tasks/{task_id}) to free places.`,
      );
    }

    const baseUrl = getPublicBaseUrl();
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
        },
      });
    });
    taskId = task.id;
    // Uploads the task does not use (none today) are not kept.
    for (const upload of uploads) if (!used.includes(upload)) await getStorage().delete(upload.storageKey);
    uploads.length = 0;

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
