import { assertStorageKey } from "@/lib/storage";

/** Storage keys of an uploaded video's browser-playable preview (H.264) and its face-centred poster (JPEG). */
export function previewKeys(assetId: string): { video: string; poster: string } {
  const keys = { video: `previews/${assetId}.mp4`, poster: `previews/${assetId}.jpg` };
  assertStorageKey(keys.video);
  assertStorageKey(keys.poster);
  return keys;
}
