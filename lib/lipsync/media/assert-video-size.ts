import { LipsyncError } from "../errors";

/** Largest accepted width or height by default, in pixels (4K is 3840x2160). */
export const DEFAULT_MAX_DIMENSION = 4096;
const MIN_DIMENSION = 16;

/**
 * Throws VIDEO_TOO_LARGE unless the displayed picture is 16..maxDimension pixels per side. A size
 * of 0 means ffprobe refused the one the file declares (ffmpeg rejects pictures such as 16384x16384).
 */
export function assertVideoSize(width: number, height: number, maxDimension: number): void {
  if (width === 0 || height === 0) {
    throw new LipsyncError(
      "VIDEO_TOO_LARGE",
      `The video's picture size cannot be read: its header is damaged or declares a size ffmpeg refuses. Sizes from ${MIN_DIMENSION} to ${maxDimension} pixels per side are supported. Re-export it and try again.`,
      { width, height },
    );
  }
  if (width < MIN_DIMENSION || height < MIN_DIMENSION || Math.max(width, height) > maxDimension) {
    throw new LipsyncError(
      "VIDEO_TOO_LARGE",
      `The video is ${width}x${height}; sizes from ${MIN_DIMENSION} to ${maxDimension} pixels per side are supported. Resize it and try again.`,
      { width, height },
    );
  }
}
