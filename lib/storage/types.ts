import type { Readable } from "node:stream";

/** Bytes a caller can stream into storage. */
export type StorageSource = Readable | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface PutOptions {
  /** Stop with a StorageSizeLimitError (and keep nothing) once more than this many bytes arrive. */
  maxBytes?: number;
  /** Aborting stops the write and keeps nothing. */
  signal?: AbortSignal;
}

export interface StoredObjectInfo {
  size: number;
  modifiedAt: Date;
}

/**
 * Where uploads, results and covers live. Keys are relative, slash-separated names made of
 * letters, digits, '.', '_' and '-' (see assertStorageKey). Writes are all-or-nothing: a reader
 * never sees a partial object, and a failed or aborted write leaves nothing behind.
 */
export interface Storage {
  /** Streams `source` into `key`, replacing any object there. Resolves with the bytes written. */
  put(key: string, source: StorageSource, options?: PutOptions): Promise<{ size: number }>;
  /** Stores a file from the local disk (moved when `move` is set and possible, else copied). */
  putFile(key: string, filePath: string, options?: { move?: boolean }): Promise<{ size: number }>;
  /** Size and modification time, or null when there is no such object. */
  stat(key: string): Promise<StoredObjectInfo | null>;
  /** Reads the object, or the inclusive byte range [start, end] of it. */
  read(key: string, range?: { start: number; end: number }): Readable;
  /** Deletes the object; deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Objects whose key starts with `prefix` (a folder such as "assets/"), with their modification times. */
  list(prefix: string): Promise<Array<{ key: string; modifiedAt: Date }>>;
  /** Deletes what writes left behind when their process died mid-write, if older than `before`; returns how many. */
  removeStalePartials(before: Date): Promise<number>;
  /**
   * A file on this machine's disk holding the object, for tools that need a path (ffmpeg): local
   * storage's own file (read it, never write it), or the object downloaded into `scratchDir`,
   * which the caller removes when done.
   */
  localFile(key: string, scratchDir: string, signal?: AbortSignal): Promise<string>;
  /**
   * A short-lived URL from which clients fetch the object directly (with Range requests), or null
   * when downloads go through this server (local storage; S3 without S3_PRESIGNED_DOWNLOADS).
   */
  downloadUrl(key: string, response: DownloadResponse): Promise<string | null>;
}

/** Response headers a presigned download answers with. */
export interface DownloadResponse {
  contentType: string;
  contentDisposition: string;
  cacheControl: string;
}
