import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { StorageSource } from "./types";

/** The source as something stream.pipeline takes (web streams become Node streams). */
export function sourceStream(source: StorageSource): Readable | AsyncIterable<Uint8Array> {
  return source instanceof ReadableStream ? Readable.fromWeb(source as NodeReadableStream<Uint8Array>) : source;
}
