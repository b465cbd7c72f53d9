import { uploadAssetRow } from "@/lib/api/assets/upload-asset-row";
import { serializeAsset } from "@/lib/api/assets/serialize-asset";
import { type StoredUpload, storeUpload } from "@/lib/api/assets/store-upload";
import { resolveAccount } from "@/lib/api/accounts/resolve-account";
import { assetUploadQuerySchema, type AssetResponse } from "@/lib/api/assets/schemas";
import { ApiError } from "@/lib/api/errors";
import { parseMultipart } from "@/lib/api/http/parse-multipart";
import { toUploadError } from "@/lib/api/http/to-upload-error";
import { uploadSignal } from "@/lib/api/http/upload-signal";
import { getRequestBaseUrl } from "@/lib/api/request-base-url";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getStorage } from "@/lib/storage";

/** File name from a Content-Disposition header (filename* wins), if any. */
function dispositionFileName(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      return undefined;
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/.exec(header)?.[1];
}

/**
 * POST /v1/kling/assets: stores one video or audio file, sent as the raw body (any
 * Content-Type, the bytes decide) or as the one file of a multipart/form-data body.
 */
export async function createAsset(req: Request, userId: number, searchParams: URLSearchParams): Promise<AssetResponse> {
  const query = assetUploadQuerySchema.parse(Object.fromEntries(searchParams));
  // Assets belong to the user, not to an account: email is only checked when given.
  if (query.email) await resolveAccount(userId, query.email);

  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > env.MAX_UPLOAD_BYTES + 1024 * 1024) {
    throw new ApiError(
      "payload_too_large",
      `The file is larger than the limit of ${env.MAX_UPLOAD_BYTES} bytes (MAX_UPLOAD_BYTES). Send a smaller file.`,
    );
  }
  if (!req.body) throw new ApiError("bad_request", "The request has no body: send the file as the body or as multipart/form-data.");

  const signal = uploadSignal(req);
  const contentType = req.headers.get("content-type") ?? "";
  let stored: StoredUpload | undefined;
  try {
    if (/^multipart\/form-data/i.test(contentType)) {
      await parseMultipart(req, {
        fileFields: ["file"],
        textFields: ["email", "fileName"],
        signal,
        onFile: async (file) => {
          stored = await storeUpload({
            source: file.stream,
            clientFileName: file.fileName,
            label: "the file",
            maxBytes: env.MAX_UPLOAD_BYTES,
            signal,
          });
        },
      });
      if (!stored) throw new ApiError("bad_request", "Parameter file is required: the form has no file.");
    } else {
      stored = await storeUpload({
        source: req.body,
        clientFileName: query.fileName ?? dispositionFileName(req.headers.get("content-disposition")),
        label: "the file",
        maxBytes: env.MAX_UPLOAD_BYTES,
        signal,
      });
    }
    const upload = stored;
    const asset = await db.asset.create({ data: uploadAssetRow(userId, upload) });
    return serializeAsset(asset, upload.media, await getRequestBaseUrl());
  } catch (error) {
    if (stored) await getStorage().delete(stored.storageKey);
    throw toUploadError(error, signal);
  }
}
