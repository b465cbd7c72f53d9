import { decodeFrames, type DecodeOptions } from "./decode-frames";

/** The first frame the options give (the video's first, or the one shown at `startSeconds`); undefined when there is none. */
export async function decodeFirstFrame(file: string, options: DecodeOptions): Promise<Buffer | undefined> {
  for await (const frame of decodeFrames(file, options)) return frame;
  return undefined;
}
