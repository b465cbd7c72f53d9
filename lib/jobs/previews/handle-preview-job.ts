import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { makeVideoPreview } from "@/lib/previews/make-video-preview";
import { previewKeys } from "@/lib/previews/preview-keys";
import { getStorage } from "@/lib/storage";
import { PREVIEW_TIMEOUT_SECONDS, type PreviewJobPayload } from "./definition";

/**
 * Makes the preview and poster of one stored video, stores them next to it (lib/storage) and
 * marks it ready; a video the preview cannot be made of is marked failed (the studio then says
 * so). Files made for an asset deleted meanwhile are removed again.
 */
export async function handlePreviewJob({ assetId }: PreviewJobPayload): Promise<void> {
  const asset = await prisma.asset.findUnique({ where: { id: assetId } });
  if (!asset || asset.previewStatus !== "pending") return;
  const storage = getStorage();
  const keys = previewKeys(asset.id);
  const workDir = path.join(env.DATA_DIR, "work", `preview-${asset.id}`);
  const started = Date.now();
  let stored = false;
  try {
    await mkdir(workDir, { recursive: true });
    const files = { video: path.join(workDir, "preview.mp4"), poster: path.join(workDir, "poster.jpg") };
    const signal = AbortSignal.timeout(PREVIEW_TIMEOUT_SECONDS * 1000);
    const input = await storage.localFile(asset.storageKey, workDir, signal);
    const { faceFound } = await makeVideoPreview(input, files, { maxDurationSeconds: env.LIPSYNC_MAX_DURATION_SECONDS, signal });
    await storage.putFile(keys.video, files.video, { move: true });
    await storage.putFile(keys.poster, files.poster, { move: true });
    stored = true;
    const marked = await prisma.asset.updateMany({ where: { id: asset.id, previewStatus: "pending" }, data: { previewStatus: "ready" } });
    if (marked.count === 0) throw new Error("the video was deleted meanwhile");
    logger.info({ assetId: asset.id }, `preview ready in ${((Date.now() - started) / 1000).toFixed(1)} s${faceFound ? "" : " (no face for the poster)"}`);
  } catch (error) {
    if (stored) await Promise.all([storage.delete(keys.video), storage.delete(keys.poster)]).catch(() => undefined);
    await prisma.asset.updateMany({ where: { id: asset.id, previewStatus: "pending" }, data: { previewStatus: "failed" } });
    logger.warn({ assetId: asset.id }, `preview failed: ${(error as Error).message}`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
