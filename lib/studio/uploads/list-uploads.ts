import { buildAssetUrl } from "@/lib/api/assets/build-asset-url";
import { TASK_STATUS } from "@/lib/api/tasks/schemas";
import { db } from "@/lib/db";

/** At most this many uploads are listed, newest first. */
export const UPLOADS_SHOWN = 200;

/** A file the user uploaded (or a task downloaded from a link), as the Uploads page lists it. */
export type StudioUpload = {
  id: string;
  fileName: string;
  type: "video" | "audio";
  size: number;
  createdAt: string;
  /** same-origin path that plays it with the session cookie */
  path: string;
  /** the video's face-centred poster, once made */
  posterPath: string | null;
  /** tasks that use it, and whether one of them still waits or runs (it cannot be deleted then) */
  taskIds: number[];
  inUse: boolean;
};

/** The user's uploads, newest first (UPLOADS_SHOWN at most), with the tasks that use each. */
export async function listUploads(userId: number): Promise<{ uploads: StudioUpload[]; total: number }> {
  const [assets, total] = await Promise.all([
    db.asset.findMany({ where: { userId, kind: "upload" }, orderBy: { createdAt: "desc" }, take: UPLOADS_SHOWN }),
    db.asset.count({ where: { userId, kind: "upload" } }),
  ]);
  const ids = assets.map((asset) => asset.id);
  const tasks = await db.task.findMany({
    where: { userId, OR: [{ videoAssetId: { in: ids } }, { audioAssetId: { in: ids } }] },
    select: { id: true, status: true, videoAssetId: true, audioAssetId: true },
    orderBy: { id: "asc" },
  });
  const running: number[] = [TASK_STATUS.submitted, TASK_STATUS.processing];
  const uploads = assets.map((asset) => {
    const using = tasks.filter((task) => task.videoAssetId === asset.id || task.audioAssetId === asset.id);
    return {
      id: asset.id,
      fileName: asset.fileName,
      type: asset.contentType.startsWith("video/") ? ("video" as const) : ("audio" as const),
      size: Number(asset.size),
      createdAt: asset.createdAt.toISOString(),
      path: buildAssetUrl("", asset.id, asset.fileName),
      posterPath: asset.previewStatus === "ready" ? `/api/studio/assets/${asset.id}/poster` : null,
      taskIds: using.map((task) => task.id),
      inUse: using.some((task) => running.includes(task.status)),
    };
  });
  return { uploads, total };
}
