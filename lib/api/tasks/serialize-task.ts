import { parseAssetUrl } from "@/lib/api/assets/parse-asset-url";
import { signAssetUrl } from "@/lib/api/assets/sign-asset-url";
import { resultFileNames } from "@/lib/api/tasks/result-file-names";
import {
  TASK_SCENE,
  TASK_STATUS,
  TASK_TYPE,
  type TaskResponse,
  type TaskStatusName,
} from "@/lib/api/tasks/schemas";

/** The Task row fields the model needs (a Prisma Task row fits). */
export interface SerializableTask {
  id: number;
  userId: number;
  status: number;
  stage: string | null;
  progress: number;
  error: string | null;
  errorCode: string | null;
  videoUrl: string;
  audioUrl: string;
  audioFileName: string | null;
  replyUrl: string | null;
  replyRef: string | null;
  facePointX?: number | null;
  facePointY?: number | null;
  resultAssetId: string | null;
  coverAssetId: string | null;
  width: number | null;
  height: number | null;
  duration: number | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  upstreamTaskId?: string | null;
  upstreamStatus?: string | null;
  linkVersion: number;
}

/** The account the task runs under; `tasksUsed` (tasks it has) gives limitation.remaining. */
export interface SerializableAccount {
  email: string;
  taskLimit: number;
  tasksUsed?: number;
  /** local | useapi; useapi tasks show where they run upstream */
  provider?: string;
}

const STATUS_NAMES: Record<number, TaskStatusName> = {
  [TASK_STATUS.submitted]: "submitted",
  [TASK_STATUS.processing]: "processing",
  [TASK_STATUS.succeed]: "succeed",
  [TASK_STATUS.failed]: "failed",
};

function audioFileName(task: SerializableTask): string {
  if (task.audioFileName) return task.audioFileName;
  try {
    const last = new URL(task.audioUrl).pathname.split("/").pop();
    if (last) return decodeURIComponent(last);
  } catch {
    // fall through
  }
  return "audio";
}

/**
 * The Kling task model of a task: the response of POST /videos/lipsync and GET /tasks/{id}, and
 * the body of every callback. Result and cover URLs are signed afresh (they expire), so two calls
 * differ only in those.
 */
export function serializeTask(task: SerializableTask, account: SerializableAccount, baseUrl: string): TaskResponse {
  const statusName = STATUS_NAMES[task.status] ?? "processing";
  const final = statusName === "succeed" || statusName === "failed";
  const names = resultFileNames(task.id);
  const input = (name: "video" | "audio", url: string) => ({
    name,
    inputType: "URL" as const,
    token: null,
    blobStorage: null,
    url,
    cover: null,
    fromWorkId: null,
  });

  const works: TaskResponse["works"] =
    statusName === "succeed" && task.resultAssetId
      ? [
          {
            workId: task.id,
            type: TASK_TYPE,
            status: TASK_STATUS.succeed,
            contentType: "video/mp4",
            resource: {
              resource: signAssetUrl(baseUrl, { assetId: task.resultAssetId, fileName: names.video, taskId: task.id, linkVersion: task.linkVersion }),
              width: task.width ?? 0,
              height: task.height ?? 0,
              duration: Math.round((task.duration ?? 0) * 1000),
            },
            ...(task.coverAssetId
              ? {
                  cover: {
                    resource: signAssetUrl(baseUrl, { assetId: task.coverAssetId, fileName: names.cover, taskId: task.id, linkVersion: task.linkVersion }),
                    width: task.width ?? 0,
                    height: task.height ?? 0,
                  },
                }
              : {}),
            createTime: (task.finishedAt ?? task.updatedAt).getTime(),
          },
        ]
      : [];

  return {
    task: {
      id: task.id,
      userId: task.userId,
      type: TASK_TYPE,
      scene: TASK_SCENE,
      status: task.status,
      status_name: statusName,
      status_final: final,
      taskInfo: {
        type: TASK_TYPE,
        inputs: [input("video", task.videoUrl), input("audio", task.audioUrl)],
        arguments: [
          { name: "__filename", value: audioFileName(task) },
          // Whether the client gave one of our assets: a downloaded URL input is kept as an asset too.
          { name: "__isLocalAudio", value: parseAssetUrl(task.audioUrl, baseUrl) ? "true" : "false" },
          { name: "biz", value: "klingai" },
        ],
        extraArgs: task.facePointX != null && task.facePointY != null ? { facePoint: { x: task.facePointX, y: task.facePointY } } : {},
        callbackPayloads: [],
        scene: TASK_SCENE,
      },
      favored: false,
      deleted: false,
      viewed: false,
      createTime: task.createdAt.getTime(),
      updateTime: task.updatedAt.getTime(),
    },
    works,
    status: task.status,
    status_name: statusName,
    status_final: final,
    message: "",
    ...(statusName === "failed"
      ? {
          error: task.error ?? "The task failed.",
          ...(task.errorCode ? { errorCode: task.errorCode } : {}),
        }
      : {}),
    progress: statusName === "succeed" ? 100 : Math.max(0, Math.min(100, Math.round(task.progress))),
    stage: final ? null : task.stage,
    email: account.email,
    ...(task.replyUrl ? { replyUrl: task.replyUrl } : {}),
    ...(task.replyRef ? { replyRef: task.replyRef } : {}),
    ...(account.provider === "useapi"
      ? { upstream: { provider: "useapi" as const, taskId: task.upstreamTaskId ?? null, status: task.upstreamStatus ?? null } }
      : {}),
    limitation: {
      type: TASK_TYPE,
      remaining: Math.max(0, account.taskLimit - (account.tasksUsed ?? 0)),
      limit: account.taskLimit,
    },
    userPoints: { points: [], total: 0 },
    userTickets: { ticket: [] },
    editProject: null,
  };
}
