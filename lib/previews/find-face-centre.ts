import { detectFaces } from "@/lib/lipsync/face/detect-faces";
import { decodeFirstFrame } from "@/lib/lipsync/media/decode-first-frame";
import { previewSize } from "./preview-size";

/**
 * Where the largest face is in the frame shown at `atSeconds` (the engine's face detector, on a
 * 480p copy of the frame), in the video's displayed pixels; null when it shows no face.
 */
export async function findFaceCentre(
  file: string,
  video: { width: number; height: number; atSeconds: number },
  signal?: AbortSignal,
): Promise<{ x: number; y: number } | null> {
  const size = previewSize(video.width, video.height);
  const frame = await decodeFirstFrame(file, {
    width: size.width,
    height: size.height,
    videoFilter: `scale=${size.width}:${size.height}`,
    pixelFormat: "rgb24",
    startSeconds: video.atSeconds,
    signal,
  });
  if (!frame) return null;
  const faces = await detectFaces(frame, size.width, size.height);
  if (faces.length === 0) return null;
  const [x, y, w, h] = faces.reduce((best, face) => (face.box[2] * face.box[3] > best.box[2] * best.box[3] ? face : best)).box;
  return { x: ((x + w / 2) * video.width) / size.width, y: ((y + h / 2) * video.height) / size.height };
}
