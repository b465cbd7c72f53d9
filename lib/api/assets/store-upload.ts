import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { newAssetId } from "@/lib/api/assets/new-asset-id";
import { sanitizeFileName } from "@/lib/api/assets/sanitize-file-name";
import { discardRequestBody } from "@/lib/api/http/discard-request-body";
import { type SupportedMedia, sniffStream } from "@/lib/api/assets/sniff-stream";
import { assetStorageKey, getStorage } from "@/lib/storage";

/** A file in storage with no database row yet (see createUploadAssets). */
export interface StoredUpload {
  assetId: string;
  storageKey: string;
  fileName: string;
  contentType: string;
  size: number;
  media: SupportedMedia;
}

/**
 * Streams an upload into storage under a fresh asset id: the type comes from the first bytes
 * (refused at once when unsupported), the size is capped at `maxBytes`, and a failed, aborted
 * or refused upload leaves nothing behind.
 */
export async function storeUpload(input: {
  source: Readable | ReadableStream<Uint8Array>;
  clientFileName: string | null | undefined;
  /** How the file is named in errors, e.g. "the video file". */
  label: string;
  maxBytes: number;
  signal: AbortSignal;
}): Promise<StoredUpload> {
  const assetId = newAssetId();
  const storageKey = assetStorageKey(assetId);
  const sniffer = sniffStream(input.label);
  const { size } = await getStorage().put(storageKey, composeInto(input.source, sniffer), {
    maxBytes: input.maxBytes,
    signal: input.signal,
  });
  const media = sniffer.media();
  return {
    assetId,
    storageKey,
    fileName: sanitizeFileName(input.clientFileName, media.extension, media.kind),
    contentType: media.contentType,
    size,
    media,
  };
}

/** source → transform, with the source's errors passed on (plain .pipe() drops them); on failure the rest of the source is drained, not cut. */
function composeInto(source: Readable | ReadableStream<Uint8Array>, transform: ReturnType<typeof sniffStream>) {
  const input = source instanceof ReadableStream ? Readable.fromWeb(source as NodeReadableStream<Uint8Array>) : source;
  input.on("error", (error) => transform.destroy(error));
  transform.on("error", () => {
    input.unpipe(transform);
    discardRequestBody(input);
  });
  return input.pipe(transform);
}
