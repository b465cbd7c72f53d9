/** Longest and shortest side of a preview: 480p, in portrait as in landscape. */
const LONG_SIDE = 854;
const SHORT_SIDE = 480;

const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);

/** The preview's picture size for a video displayed at width x height: never larger, even sides. */
export function previewSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, LONG_SIDE / Math.max(width, height), SHORT_SIDE / Math.min(width, height));
  return { width: even(width * scale), height: even(height * scale) };
}
