import { TASK_STATUS } from "@/lib/api/tasks/schemas";
import { db } from "@/lib/db";
import type { Asset } from "@/lib/generated/prisma/client";
import { previewAsset } from "@/lib/previews/preview-asset";
import { shareSlugSchema } from "./schemas";

type ServedAsset = Pick<Asset, "id" | "storageKey" | "contentType" | "fileName">;

/** What a public share shows: the result, the original only when the owner chose to, the cover. */
export type PublicShare = {
  slug: string;
  result: ServedAsset;
  original: ServedAsset | null;
  /** the original's browser-playable preview, once made */
  originalPreview: ServedAsset | null;
  cover: ServedAsset | null;
  width: number | null;
  height: number | null;
  duration: number | null;
};

const servedFields = { id: true, storageKey: true, contentType: true, fileName: true, previewStatus: true } as const;

/**
 * The share behind a public slug, for anyone (no session): null when the slug is malformed,
 * unknown or revoked, or the task has no result any more.
 */
export async function findPublicShare(slug: string): Promise<PublicShare | null> {
  if (!shareSlugSchema.safeParse(slug).success) return null;
  const share = await db.shareLink.findUnique({ where: { slug }, include: { task: true } });
  if (!share || share.revokedAt || share.task.status !== TASK_STATUS.succeed || !share.task.resultAssetId) return null;
  const { task } = share;
  const asset = (id: string | null) =>
    id ? db.asset.findFirst({ where: { id, userId: share.userId }, select: servedFields }) : Promise.resolve(null);
  const [result, original, cover] = await Promise.all([
    asset(task.resultAssetId),
    asset(share.includeOriginal ? task.videoAssetId : null),
    asset(task.coverAssetId),
  ]);
  if (!result) return null;
  const originalPreview = original?.previewStatus === "ready" ? previewAsset(original.id, "video") : null;
  return { slug, result, original, originalPreview, cover, width: task.width, height: task.height, duration: task.duration };
}
