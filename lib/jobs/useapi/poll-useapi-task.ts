import { logger } from "@/lib/log/logger";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { newAssetId } from "@/lib/api/assets/new-asset-id";
import { resultFileNames } from "@/lib/api/tasks/result-file-names";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { probeMedia } from "@/lib/lipsync/media/probe";
import { DownloadError, safeDownload } from "@/lib/net/safe-download";
import { assetStorageKey, getStorage } from "@/lib/storage";
import { connectionOf } from "@/lib/useapi/connection-of";
import { describeFailedTask } from "@/lib/useapi/describe-failed-task";
import { describeUseapiFailure } from "@/lib/useapi/describe-useapi-failure";
import { getKlingTask, type KlingTask } from "@/lib/useapi/get-kling-task";
import { stopKlingTask } from "@/lib/useapi/stop-kling-task";
import { UseapiError } from "@/lib/useapi/useapi-error";
import { failTask, finishTask, type StoredResult, TASK_STATUS, touchTaskWithMilestone } from "../lipsync/task-state";
import { pollDelaySeconds, type UseapiPollPayload } from "./definition";
import { sendUseapiPoll } from "./send-useapi-poll";
import { updateOwnedTask } from "./upstream-state";

/**
 * One poll of a task running at useapi.net (a light job: one GET, no engine slot). Not final:
 * the upstream status is recorded (it doubles as the heartbeat) and the next poll is queued with
 * backoff. Succeeded: the result and cover are downloaded into our storage and the task ends like
 * a local one. Failed, gone (404) or followed past USEAPI_TIMEOUT_SECONDS: the task fails with a
 * stable errorCode. No answer, 429 and 5xx are passing faults: poll again.
 */
export async function pollUseapiTask({ taskId, attempt, polls }: UseapiPollPayload): Promise<void> {
  const task = await prisma.task.findUnique({ where: { id: taskId }, include: { account: true } });
  if (!task || task.status !== TASK_STATUS.processing || task.attempt !== attempt || !task.upstreamTaskId) return;
  const upstreamId = task.upstreamTaskId;
  let conn;
  try {
    conn = connectionOf(task.account);
  } catch (error) {
    if (!(error instanceof UseapiError)) throw error;
    const failure = describeUseapiFailure(error, "poll");
    await failTask(taskId, attempt, failure.code, failure.message);
    return;
  }
  const elapsed = (Date.now() - (task.upstreamSubmittedAt ?? task.startedAt ?? new Date()).getTime()) / 1000;
  if (elapsed > env.USEAPI_TIMEOUT_SECONDS) {
    await stopKlingTask(conn, upstreamId).catch(() => undefined);
    await failTask(
      taskId,
      attempt,
      "UPSTREAM_TIMEOUT",
      `Kling did not finish task ${upstreamId} within ${env.USEAPI_TIMEOUT_SECONDS} s (USEAPI_TIMEOUT_SECONDS); we stopped following it, though Kling may still finish it in your Kling account. Submit again later.`,
    );
    logger.info({ taskId }, `failed: UPSTREAM_TIMEOUT after ${Math.round(elapsed)} s`);
    return;
  }
  let model: KlingTask;
  try {
    model = await getKlingTask(conn, upstreamId);
  } catch (error) {
    if (!(error instanceof UseapiError)) throw error;
    if (error.status === 0 || error.status === 429 || error.status >= 500) {
      const owned = await touchTaskWithMilestone(taskId, attempt, { progress: task.progress, stage: "upstream" });
      if (owned) await sendUseapiPoll({ taskId, attempt, polls: polls + 1 }, error.retryAfter ?? pollDelaySeconds(polls));
      logger.info({ taskId }, `poll of upstream task ${upstreamId} failed (${error.message}); polling again`);
      return;
    }
    const failure = describeUseapiFailure(error, "poll");
    await failTask(taskId, attempt, failure.code, failure.message);
    logger.info({ taskId }, `failed: ${failure.code}: ${error.message}`);
    return;
  }
  const statusName = model.status_name ?? String(model.status ?? "unknown");
  if (!model.status_final) {
    // Kling gives no progress figure: creep from 10% towards 90% as minutes pass.
    const progress = Math.round((10 + 80 * (1 - Math.exp(-elapsed / 180))) * 10) / 10;
    if (!(await touchTaskWithMilestone(taskId, attempt, { progress, stage: "upstream" }))) return;
    await updateOwnedTask(taskId, attempt, { upstreamStatus: statusName });
    await sendUseapiPoll({ taskId, attempt, polls: polls + 1 }, pollDelaySeconds(polls));
    return;
  }
  await updateOwnedTask(taskId, attempt, { upstreamStatus: statusName });
  const work = model.works?.[0];
  const videoUrl = work?.resource?.resource;
  if (statusName !== "succeed" || !videoUrl) {
    const failure = statusName === "succeed"
      ? { code: "UPSTREAM_ERROR", message: `Kling reported task ${upstreamId} as succeeded but gave no video. Submit again.` }
      : describeFailedTask(model.error ?? model.message);
    await failTask(taskId, attempt, failure.code, failure.message);
    logger.info({ taskId }, `failed: ${failure.code} (upstream ${statusName})`);
    return;
  }
  await keepResult(taskId, attempt, upstreamId, videoUrl, work?.cover?.resource ?? undefined);
}

/** The upstream's URLs are reached like user-given ones, except the configured useapi origin itself (operator config). */
function downloadOptions(url: string) {
  const trusted = new URL(url).origin === new URL(env.USEAPI_BASE_URL).origin;
  return {
    maxBytes: env.MAX_DOWNLOAD_BYTES,
    timeoutMs: env.DOWNLOAD_TIMEOUT_SECONDS * 1000,
    allowPrivate: env.ALLOW_PRIVATE_URLS || trusted,
  };
}

async function keepResult(taskId: number, attempt: number, upstreamId: string, videoUrl: string, coverUrl: string | undefined): Promise<void> {
  const workDir = path.join(env.DATA_DIR, "work", `task-${taskId}`, `result-${attempt}`);
  const storage = getStorage();
  const names = resultFileNames(taskId);
  const stored: string[] = [];
  try {
    await mkdir(workDir, { recursive: true });
    await updateOwnedTask(taskId, attempt, { stage: "download", progress: 95 });
    const videoFile = path.join(workDir, "result.mp4");
    try {
      await safeDownload(videoUrl, videoFile, downloadOptions(videoUrl));
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      if (error.code === "NETWORK" || error.code === "TIMEOUT") throw error; // passing: the job is retried
      await failTask(taskId, attempt, "UPSTREAM_DOWNLOAD_FAILED", `Kling finished task ${upstreamId}, but its video could not be fetched from ${videoUrl}: ${error.message}. Download it from your Kling account, or submit again.`);
      return;
    }
    const info = await probeMedia(videoFile, "video").catch(() => null);
    if (!info?.video) {
      await failTask(taskId, attempt, "UPSTREAM_ERROR", `Kling finished task ${upstreamId}, but what ${videoUrl} served is not a playable video. Submit again.`);
      return;
    }
    const videoId = newAssetId();
    const videoKey = assetStorageKey(videoId);
    const { size } = await storage.putFile(videoKey, videoFile, { move: true });
    stored.push(videoKey);
    let cover: StoredResult["cover"] = null;
    if (coverUrl) {
      const coverFile = path.join(workDir, "cover.jpg");
      try {
        await safeDownload(coverUrl, coverFile, { ...downloadOptions(coverUrl), maxBytes: 20 * 1024 * 1024 });
        const coverId = newAssetId();
        const coverKey = assetStorageKey(coverId);
        const { size: coverSize } = await storage.putFile(coverKey, coverFile, { move: true });
        stored.push(coverKey);
        cover = { assetId: coverId, storageKey: coverKey, fileName: names.cover, size: coverSize };
      } catch (error) {
        logger.info({ taskId }, `no cover kept: ${(error as Error).message}`);
      }
    }
    const result: StoredResult = {
      width: info.video.width,
      height: info.video.height,
      duration: info.duration,
      video: { assetId: videoId, storageKey: videoKey, fileName: names.video, size },
      cover,
    };
    if (await finishTask(taskId, attempt, result)) {
      stored.length = 0;
      logger.info({ taskId }, `succeeded at Kling (upstream task ${upstreamId}); result kept`);
    }
  } finally {
    for (const key of stored) await storage.delete(key).catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  }
}
