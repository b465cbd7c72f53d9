import { logger } from "@/lib/log/logger";
import { getBoss, QUEUES } from "../queue";
import { previewJobSchema, previewSendOptions } from "./definition";

/**
 * Queues the preview of a stored video (its row has previewStatus "pending"). A failure to queue
 * is logged, not thrown: the upload itself succeeded, and workers queue pending previews again.
 */
export async function queuePreview(assetId: string): Promise<void> {
  try {
    const boss = await getBoss();
    await boss.send(QUEUES.preview, previewJobSchema.parse({ assetId }), previewSendOptions(assetId));
  } catch (error) {
    logger.warn({ assetId, err: error }, "preview not queued");
  }
}
