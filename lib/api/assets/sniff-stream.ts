import { Transform } from "node:stream";
import { ApiError } from "@/lib/api/errors";
import { SNIFF_BYTES, SUPPORTED_MEDIA_TEXT, type SniffedMedia, sniffMediaType } from "@/lib/api/assets/sniff-media-type";

export type SupportedMedia = Extract<SniffedMedia, { supported: true }>;

/**
 * A pass-through that holds back the first SNIFF_BYTES bytes, decides the type from them and
 * fails the stream at once (400 naming what was sent) when it is not a supported media file.
 */
export function sniffStream(label: string): Transform & { media: () => SupportedMedia } {
  const head: Buffer[] = [];
  let headBytes = 0;
  let decided: SupportedMedia | undefined;

  const decide = (self: Transform): Error | null => {
    const sniffed = sniffMediaType(Buffer.concat(head));
    if (!sniffed.supported) {
      return new ApiError("bad_request", `Unsupported file type: ${label} is ${sniffed.description}. Send ${SUPPORTED_MEDIA_TEXT}.`);
    }
    decided = sniffed;
    for (const chunk of head.splice(0)) self.push(chunk);
    return null;
  };

  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (decided) return callback(null, chunk);
      head.push(chunk);
      headBytes += chunk.length;
      callback(headBytes >= SNIFF_BYTES ? decide(this) : null);
    },
    flush(callback) {
      callback(decided ? null : decide(this));
    },
  });
  return Object.assign(transform, {
    media: () => {
      if (!decided) throw new Error("sniffStream: no bytes decided yet");
      return decided;
    },
  });
}
