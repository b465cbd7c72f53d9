import { prisma } from "@/lib/db";
import { queuePreview } from "./queue-preview";

/**
 * Queues again the previews still pending a minute after their upload: their job could not be
 * sent, or was lost. A job already waiting for the asset keeps the new one out (stately queue).
 */
export async function requeuePreviews(): Promise<number> {
  const pending = await prisma.asset.findMany({
    where: { previewStatus: "pending", createdAt: { lt: new Date(Date.now() - 60_000) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 100,
  });
  for (const asset of pending) await queuePreview(asset.id);
  return pending.length;
}
