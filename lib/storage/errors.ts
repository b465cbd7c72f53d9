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
