import { type StoredUpload, storeUpload } from "@/lib/api/assets/store-upload";
import { buildAssetUrl } from "@/lib/api/assets/build-asset-url";
import { ApiError } from "@/lib/api/errors";
import { parseMultipart } from "@/lib/api/http/parse-multipart";
import { readJsonBody } from "@/lib/api/http/read-json-body";
import { toUploadError } from "@/lib/api/http/to-upload-error";
import { uploadSignal } from "@/lib/api/http/upload-signal";
import { getRequestBaseUrl } from "@/lib/api/request-base-url";
import type { TaskResponse } from "@/lib/api/tasks/schemas";
import { submitLipsyncTask } from "@/lib/api/tasks/submit-lipsync-task";
import { env } from "@/lib/env";
import { getStorage } from "@/lib/storage";

const TEXT_FIELDS = ["email", "video", "audio", "maxJobs", "replyUrl", "replyRef", "facePoint"] as const;

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
  const baseUrl = await getRequestBaseUrl();
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

/** POST /v1/kling/videos/lipsync: the body as JSON or multipart (files streamed to storage), then submitLipsyncTask. */
export async function createLipsyncTask(req: Request, userId: number): Promise<TaskResponse> {
  const signal = uploadSignal(req);
  const uploads: StoredUpload[] = [];
  let fields: Record<string, unknown>;
  try {
    fields = await readFields(req, uploads, signal);
  } catch (error) {
    for (const upload of uploads) await getStorage().delete(upload.storageKey);
    throw toUploadError(error, signal);
  }
  return submitLipsyncTask({ userId, fields, uploads, signal });
}
