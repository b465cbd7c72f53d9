import { Readable } from "node:stream";
import { findUserAsset } from "@/lib/api/assets/find-user-asset";
import { ApiError, RESOURCE_NOT_FOUND } from "@/lib/api/errors";
import { parseByteRange } from "@/lib/api/http/parse-byte-range";
import type { Asset } from "@/lib/generated/prisma/client";
import { getStorage } from "@/lib/storage";

/** RFC 5987 value: percent-encodes everything but attr-char (encodeURIComponent leaves '()*! as they are). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * GET /v1/kling/assets/{id}/{fileName}: the owner's file with its Content-Type, whole (200) or
 * by a single byte range (206 with Content-Range; 416 past the end), so players can seek.
 * The file name in the URL is only for readability: the id finds the file.
 */
export async function serveAsset(req: Request, userId: number, assetId: string): Promise<Response> {
  return streamAsset(req, await findUserAsset(userId, assetId));
}

export type StreamAssetOptions = {
  /** Default "private, max-age=3600"; public share links use no-store so a revoke applies at once. */
  cacheControl?: string;
  /** "attachment" makes browsers save the file instead of playing it. */
  disposition?: "inline" | "attachment";
};

/**
 * Streams an asset row's file (whoever may see it was decided by the caller): 200, 206 for a
 * single Range, 416 past the end, 304 for a matching If-None-Match; 404 when the file is gone;
 * a 302 to a presigned URL of the bucket when the storage hands those out.
 */
export async function streamAsset(
  req: Request,
  asset: Pick<Asset, "id" | "storageKey" | "contentType" | "fileName">,
  options: StreamAssetOptions = {},
): Promise<Response> {
  const storage = getStorage();
  const info = await storage.stat(asset.storageKey);
  if (!info) throw new ApiError("not_found", RESOURCE_NOT_FOUND);

  const etag = `"${asset.id}-${info.size}"`;
  const headers: Record<string, string> = {
    "Content-Type": asset.contentType,
    "Accept-Ranges": "bytes",
    "Cache-Control": options.cacheControl ?? "private, max-age=3600",
    ETag: etag,
    "Last-Modified": info.modifiedAt.toUTCString(),
    "Content-Disposition": `${options.disposition ?? "inline"}; filename*=UTF-8''${encodeRfc5987(asset.fileName)}`,
    "X-Content-Type-Options": "nosniff",
  };
  // With S3_PRESIGNED_DOWNLOADS the bucket serves the bytes (and the ranges); the redirect itself is never cached.
  const direct = await storage.downloadUrl(asset.storageKey, {
    contentType: headers["Content-Type"],
    contentDisposition: headers["Content-Disposition"],
    cacheControl: headers["Cache-Control"],
  });
  if (direct) return new Response(null, { status: 302, headers: { Location: direct, "Cache-Control": "private, no-store" } });

  const ifRange = req.headers.get("if-range");
  const range = ifRange && ifRange !== etag ? null : parseByteRange(req.headers.get("range"), info.size);
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${info.size}` } });
  }
  if (req.headers.get("if-none-match") === etag && !range) {
    return new Response(null, { status: 304, headers });
  }
  const head = req.method === "HEAD";
  if (range) {
    const length = range.end - range.start + 1;
    const body = head ? null : (Readable.toWeb(storage.read(asset.storageKey, range)) as ReadableStream<Uint8Array>);
    return new Response(body, {
      status: 206,
      headers: { ...headers, "Content-Range": `bytes ${range.start}-${range.end}/${info.size}`, "Content-Length": String(length) },
    });
  }
  const body = head || info.size === 0 ? null : (Readable.toWeb(storage.read(asset.storageKey)) as ReadableStream<Uint8Array>);
  return new Response(body, { status: 200, headers: { ...headers, "Content-Length": String(info.size) } });
}
