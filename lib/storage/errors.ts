/** More bytes arrived than the write allowed; nothing was kept. */
export class StorageSizeLimitError extends Error {
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    super(`The data is larger than the limit of ${maxBytes} bytes.`);
    this.name = "StorageSizeLimitError";
    this.maxBytes = maxBytes;
  }
}

/** The key is not a valid storage key (empty, absolute, '..', or characters outside the allowed set). */
export class StorageKeyError extends Error {
  constructor(key: string) {
    super(`Invalid storage key ${JSON.stringify(key.slice(0, 200))}.`);
    this.name = "StorageKeyError";
  }
}

/** errno codes of a local disk that cannot take more bytes: full, over quota, or over the file size limit. */
const OUT_OF_SPACE_CODES = new Set(["ENOSPC", "EDQUOT", "EFBIG"]);

/**
 * Whether `error` (or one of its causes) is the local disk running out of space: an errno error,
 * or ffmpeg's "No space left on device" in a message.
 */
export function isOutOfSpace(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    if (OUT_OF_SPACE_CODES.has((current as NodeJS.ErrnoException).code ?? "")) return true;
    if (/no space left on (the )?device/i.test((current as Error).message ?? "")) return true;
  }
  return false;
}
