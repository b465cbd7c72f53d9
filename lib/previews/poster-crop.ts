/** Posters are 16:9, the shape of the history's thumbnails. */
const POSTER_RATIO = 16 / 9;

/**
 * The largest 16:9 region of a width x height frame centred on `centre` (moved inside the frame
 * where it would cross an edge); without a centre, the middle of the frame.
 */
export function posterCrop(width: number, height: number, centre: { x: number; y: number } | null): { x: number; y: number; width: number; height: number } {
  const cropWidth = Math.min(width, Math.floor(height * POSTER_RATIO));
  const cropHeight = Math.min(height, Math.floor(width / POSTER_RATIO));
  const at = centre ?? { x: width / 2, y: height / 2 };
  const clamp = (value: number, max: number) => Math.round(Math.max(0, Math.min(max, value)));
  return {
    x: clamp(at.x - cropWidth / 2, width - cropWidth),
    y: clamp(at.y - cropHeight / 2, height - cropHeight),
    width: cropWidth,
    height: cropHeight,
  };
}
