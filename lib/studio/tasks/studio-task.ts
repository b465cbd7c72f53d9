import { buildAssetUrl } from "@/lib/api/assets/build-asset-url";
import { fileNameFromUrl } from "@/lib/net/file-name-from-url";
import { TASK_STATUS, type TaskStatusName } from "@/lib/api/tasks/schemas";
import type { Asset, Task } from "@/lib/generated/prisma/client";

/** A task as the studio pages show it (JSON-safe: the history and task pages poll it). */
export type StudioTask = {
  id: number;
  status: TaskStatusName;
  /** engine stage while processing: probe, track, audio, render, finalize */
  stage: string | null;
  /** 0..100 */
  progress: number;
  error: string | null;
  errorCode: string | null;
  account: string;
  videoName: string;
  audioName: string;
  /** same-origin paths the browser plays with its session cookie; null when not stored here */
  videoPath: string | null;
  audioPath: string | null;
  resultPath: string | null;
  coverPath: string | null;
  /** the input URLs as given (for the curl command) */
  videoUrl: string;
  audioUrl: string;
  replyUrl: string | null;
  width: number | null;
  height: number | null;
  duration: number | null;
  createdAt: string;
  finishedAt: string | null;
  /** local (our engine) | useapi (Kling through useapi.net) */
  provider: string;
  /** useapi tasks: the Kling task id and its status as last polled */
  upstreamTaskId: string | null;
  upstreamStatus: string | null;
};

export type AssetName = Pick<Asset, "id" | "fileName">;

const STATUS_NAMES = Object.fromEntries(Object.entries(TASK_STATUS).map(([name, code]) => [code, name])) as Record<number, TaskStatusName>;

/** The task with its account's email and the names of its stored files (see findStudioTasks). */
export function toStudioTask(task: Task & { account: { email: string; provider: string } }, assets: Map<string, AssetName>): StudioTask {
  const asset = (id: string | null) => (id ? assets.get(id) : undefined);
  const assetPath = (id: string | null) => {
    const found = asset(id);
    return found ? buildAssetUrl("", found.id, found.fileName) : null;
  };
  const status = STATUS_NAMES[task.status] ?? "processing";
  return {
    id: task.id,
    status,
    stage: status === "processing" ? task.stage : null,
    progress: status === "succeed" ? 100 : Math.max(0, Math.min(100, task.progress)),
    error: task.error,
    errorCode: task.errorCode,
    account: task.account.email,
    videoName: asset(task.videoAssetId)?.fileName ?? fileNameFromUrl(task.videoUrl) ?? "video",
    audioName: asset(task.audioAssetId)?.fileName ?? task.audioFileName ?? fileNameFromUrl(task.audioUrl) ?? "audio",
    videoPath: assetPath(task.videoAssetId),
    audioPath: assetPath(task.audioAssetId),
    resultPath: assetPath(task.resultAssetId),
    coverPath: assetPath(task.coverAssetId),
    videoUrl: task.videoUrl,
    audioUrl: task.audioUrl,
    replyUrl: task.replyUrl,
    width: task.width,
    height: task.height,
    duration: task.duration,
    createdAt: task.createdAt.toISOString(),
    finishedAt: task.finishedAt?.toISOString() ?? null,
    provider: task.account.provider,
    upstreamTaskId: task.upstreamTaskId,
    upstreamStatus: task.upstreamStatus,
  };
}
