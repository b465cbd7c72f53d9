import path from "node:path";
import { env } from "@/lib/env";
import { LocalStorage } from "./local-storage";
import type { Storage } from "./types";

export { isOutOfSpace, StorageKeyError, StorageSizeLimitError } from "./errors";
export { LocalStorage } from "./local-storage";
export { assertStorageKey, assetStorageKey } from "./storage-key";
export type { PutOptions, Storage, StorageSource, StoredObjectInfo } from "./types";

let instance: Storage | undefined;

/** The configured storage: today a directory on the local disk, DATA_DIR/storage. */
export function getStorage(): Storage {
  instance ??= new LocalStorage(path.join(env.DATA_DIR, "storage"));
  return instance;
}
