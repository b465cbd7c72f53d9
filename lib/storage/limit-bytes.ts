import { Transform } from "node:stream";
import { StorageSizeLimitError } from "./errors";

/** A pass-through that fails with StorageSizeLimitError once more than `maxBytes` bytes went through. */
export function limitBytes(maxBytes: number): Transform & { bytes: () => number } {
  let seen = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new StorageSizeLimitError(maxBytes));
      else callback(null, chunk);
    },
  });
  return Object.assign(transform, { bytes: () => seen });
}
