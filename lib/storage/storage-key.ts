import { StorageKeyError } from "./errors";

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** Throws unless `key` is a safe relative key: segments of [A-Za-z0-9._-], none '.' or '..' or starting with '.'. */
export function assertStorageKey(key: string): void {
  if (key.length === 0 || key.length > 512) throw new StorageKeyError(key);
  for (const segment of key.split("/")) {
    if (!SEGMENT.test(segment)) throw new StorageKeyError(key);
  }
}

/** Storage key of an asset's bytes (uploads, results and covers alike). */
export function assetStorageKey(assetId: string): string {
  const key = `assets/${assetId}`;
  assertStorageKey(key);
  return key;
}
