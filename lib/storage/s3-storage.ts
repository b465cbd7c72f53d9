import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  paginateListObjectsV2,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { limitBytes } from "./limit-bytes";
import { sourceStream } from "./source-stream";
import { assertStorageKey } from "./storage-key";
import type { DownloadResponse, PutOptions, Storage, StorageSource, StoredObjectInfo } from "./types";

export interface S3StorageOptions {
  bucket: string;
  /** S3Client settings: region, endpoint, forcePathStyle, credentials. */
  client: S3ClientConfig;
  /** Seconds a presigned download URL stays valid; unset: downloads go through this server. */
  presignSeconds?: number;
}

/** A 404 of HeadObject (no body, so no error code) or of GetObject (NoSuchKey). */
function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === "NoSuchKey");
}

/**
 * Storage in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2...). Writes stream through
 * @aws-sdk/lib-storage: one PutObject for small objects, a multipart upload for large ones, which
 * S3 shows only once complete; a failed or aborted write aborts it, so nothing partial is visible.
 */
export class S3Storage implements Storage {
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly presignSeconds?: number;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.presignSeconds = options.presignSeconds;
    // Checksums only where S3 requires them: many S3-compatible servers reject the SDK's default CRC32 headers.
    this.client = new S3Client({ requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED", ...options.client });
  }

  async put(key: string, source: StorageSource, options: PutOptions = {}): Promise<{ size: number }> {
    assertStorageKey(key);
    const limiter = limitBytes(options.maxBytes ?? Number.POSITIVE_INFINITY);
    const abortController = new AbortController();
    // Parts of 5 MiB, two in flight: at most about 10 MiB of an upload in memory.
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: key, Body: limiter }, queueSize: 2, abortController });
    const uploaded = upload.done().catch((error: unknown) => {
      limiter.destroy(error as Error); // stop the source too
      throw error;
    });
    const piped = pipeline(sourceStream(source), limiter, { signal: options.signal }).catch((error: unknown) => {
      abortController.abort();
      throw error;
    });
    const [input, output] = await Promise.allSettled([piped, uploaded]);
    // The source's error (size limit, client gone, timeout) says more than the upload's "aborted".
    if (input.status === "rejected") throw input.reason;
    if (output.status === "rejected") throw output.reason;
    return { size: limiter.bytes() };
  }

  async putFile(key: string, filePath: string, options: { move?: boolean } = {}): Promise<{ size: number }> {
    const stored = await this.put(key, createReadStream(filePath));
    if (options.move) await rm(filePath, { force: true });
    return stored;
  }

  async stat(key: string): Promise<StoredObjectInfo | null> {
    assertStorageKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    assertStorageKey(key);
    const { client, bucket } = this;
    // The request starts when the stream is first read; destroying the stream ends the download.
    return Readable.from(
      (async function* () {
        const answer = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
        );
        yield* answer.Body as Readable;
      })(),
      { objectMode: false },
    );
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async list(prefix: string): Promise<Array<{ key: string; modifiedAt: Date }>> {
    const folder = `${prefix.replace(/\/+$/, "")}/`;
    const items: Array<{ key: string; modifiedAt: Date }> = [];
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: folder, Delimiter: "/" })) {
      for (const item of page.Contents ?? []) {
        if (item.Key) items.push({ key: item.Key, modifiedAt: item.LastModified ?? new Date(0) });
      }
    }
    return items;
  }

  /** Aborts multipart uploads begun before `before` whose writer died (S3 keeps their parts, and bills them, until then). */
  async removeStalePartials(before: Date): Promise<number> {
    let removed = 0;
    let marker: { KeyMarker?: string; UploadIdMarker?: string } = {};
    try {
      for (;;) {
        const page = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, ...marker }));
        for (const upload of page.Uploads ?? []) {
          if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated >= before) continue;
          await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: upload.Key, UploadId: upload.UploadId }));
          removed++;
        }
        if (!page.IsTruncated) return removed;
        marker = { KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker };
      }
    } catch (error) {
      // Some S3-compatible servers (s3rver) cannot list multipart uploads: they have none to show.
      if (error instanceof S3ServiceException && error.name === "NotImplemented") return removed;
      throw error;
    }
  }

  async localFile(key: string, scratchDir: string, signal?: AbortSignal): Promise<string> {
    assertStorageKey(key);
    await mkdir(scratchDir, { recursive: true });
    const target = path.join(scratchDir, key.replaceAll("/", "_"));
    await pipeline(this.read(key), createWriteStream(target), { signal });
    return target;
  }

  async downloadUrl(key: string, response: DownloadResponse): Promise<string | null> {
    if (!this.presignSeconds) return null;
    assertStorageKey(key);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentType: response.contentType,
      ResponseContentDisposition: response.contentDisposition,
      ResponseCacheControl: response.cacheControl,
    });
    return getSignedUrl(this.client, command, { expiresIn: this.presignSeconds });
  }
}
