import path from "node:path";
import { env } from "@/lib/env";
import { LocalStorage } from "./local-storage";
import { S3Storage } from "./s3-storage";
import type { Storage } from "./types";

export { isOutOfSpace, StorageKeyError, StorageSizeLimitError } from "./errors";
export { LocalStorage } from "./local-storage";
export { S3Storage } from "./s3-storage";
export { assertStorageKey, assetStorageKey } from "./storage-key";
export type { DownloadResponse, PutOptions, Storage, StorageSource, StoredObjectInfo } from "./types";

let instance: Storage | undefined;

/** The configured storage: a directory on the local disk (DATA_DIR/storage), or an S3 bucket with STORAGE=s3. */
export function getStorage(): Storage {
  instance ??=
    env.STORAGE === "s3"
      ? new S3Storage({
          bucket: env.S3_BUCKET!,
          client: {
            region: env.S3_REGION,
            endpoint: env.S3_ENDPOINT,
            forcePathStyle: env.S3_FORCE_PATH_STYLE,
            credentials: env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY! } : undefined,
          },
          presignSeconds: env.S3_PRESIGNED_DOWNLOADS ? env.S3_PRESIGNED_EXPIRES_SECONDS : undefined,
        })
      : new LocalStorage(path.join(env.DATA_DIR, "storage"));
  return instance;
}
