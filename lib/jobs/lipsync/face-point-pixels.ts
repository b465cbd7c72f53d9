import { probeMedia } from "@/lib/lipsync/media/probe";

/**
 * A task's face point (fractions of the displayed picture) in the displayed pixels the engine
 * takes. Undefined without a point, or when the video cannot be probed (the engine then says why).
 */
export async function facePointPixels(video: string, x: number | null, y: number | null, signal: AbortSignal): Promise<{ x: number; y: number } | undefined> {
  if (x === null || y === null) return undefined;
  const info = await probeMedia(video, "video", signal).catch(() => undefined);
  if (!info?.video) return undefined;
  return { x: x * info.video.width, y: y * info.video.height };
}
