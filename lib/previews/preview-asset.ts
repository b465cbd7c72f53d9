import { previewKeys } from "./preview-keys";

const FILES = {
  video: { contentType: "video/mp4", fileName: "preview.mp4" },
  poster: { contentType: "image/jpeg", fileName: "poster.jpg" },
} as const;

/** A video's preview or poster in the shape streamAsset serves (check previewStatus "ready" first). */
export function previewAsset(assetId: string, file: keyof typeof FILES): { id: string; storageKey: string; contentType: string; fileName: string } {
  return { id: `${assetId}-${file}`, storageKey: previewKeys(assetId)[file], ...FILES[file] };
}
