import { decodeFrames, type DecodeOptions } from "./decode-frames";

/**
 * Decodes the single frame with the given index (in decode order, as pass 1 counted them).
 * With the constant frame rate of the video, it seeks to the frame's time (decoding from the
 * keyframe before it); without, it decodes from the start and picks the index.
 */
export async function decodeFrameAt(
  file: string,
  index: number,
  options: DecodeOptions,
  constantFps?: number,
): Promise<Buffer | undefined> {
  const byTime = constantFps !== undefined && index > 0;
  const select = byTime ? undefined : `select=eq(n\\,${index})`;
  for await (const frame of decodeFrames(file, {
    ...options,
    startSeconds: byTime ? (index - 0.5) / constantFps : undefined,
    videoFilter: [select, options.videoFilter].filter(Boolean).join(",") || undefined,
  })) {
    return frame;
  }
  return undefined;
}
