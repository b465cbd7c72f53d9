import { decodeFrames, type DecodeOptions } from "./decode-frames";

/** Decodes the single frame with the given index (in decode order, as pass 1 counts them). */
export async function decodeFrameAt(file: string, index: number, options: DecodeOptions): Promise<Buffer | undefined> {
  const select = index > 0 ? `select=eq(n\\,${index})` : undefined;
  for await (const frame of decodeFrames(file, { ...options, videoFilter: [select, options.videoFilter].filter(Boolean).join(",") || undefined })) {
    return frame;
  }
  return undefined;
}
