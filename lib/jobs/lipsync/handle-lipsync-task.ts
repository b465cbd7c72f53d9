import { mkdir, open, readdir, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { newAssetId } from "@/lib/api/assets/new-asset-id";
import { sanitizeFileName } from "@/lib/api/assets/sanitize-file-name";
import { SNIFF_BYTES, sniffMediaType } from "@/lib/api/assets/sniff-media-type";
import { resultFileNames } from "@/lib/api/tasks/result-file-names";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import type { Task } from "@/lib/generated/prisma/client";
import { isLipsyncError, runLipsync } from "@/lib/lipsync";
import { type Logger, logger } from "@/lib/log/logger";
import { observeEngineFps, observeTaskEnd } from "@/lib/metrics/task-metrics";
import { fileNameFromUrl } from "@/lib/net/file-name-from-url";
import { DownloadError, safeDownload } from "@/lib/net/safe-download";
import { assetStorageKey, getStorage, isOutOfSpace } from "@/lib/storage";
import type { LipsyncJobPayload } from "./definition";
import { queuePreview } from "../previews/queue-preview";
import { sendLipsyncJob } from "./enqueue-lipsync-task";
import { facePointPixels } from "./face-point-pixels";
import { TaskRun } from "./task-run";
import { workerEngine } from "./worker-engine";
import { claimTask, failTask, finishTask, releaseTask, type StoredResult, TASK_STATUS } from "./task-state";

/** A task input that cannot be used; `code` becomes the task's errorCode. */
export class InputError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "InputError";
    this.code = code;
  }
}

let accepting = true;

/** Worker shutdown: jobs fetched from now on go straight back to the queue. */
export function stopAcceptingTasks(): void {
  accepting = false;
}

/**
 * Runs one lip-sync job: claims the task (or puts the job back when the account is at its
 * maxJobs, or leaves it to the worker that holds it), fetches the inputs, runs the engine with
 * progress and heartbeats, stores the result and marks the task succeeded, all only while this
 * attempt still owns the task. Bad inputs and engine errors fail the task with a specific
 * message; only unexpected errors are thrown (pg-boss retries the job, then dead-letters it).
 */
export async function handleLipsyncTask({ taskId }: LipsyncJobPayload, job: { retried?: boolean } = {}): Promise<void> {
  if (!accepting) {
    await sendLipsyncJob(taskId);
    return;
  }
  const claim = await claimTask(taskId, { staleSeconds: env.WORKER_STALE_SECONDS, retried: job.retried });
  if (claim.kind === "claimed" && !accepting) {
    // The worker began shutting down while it claimed: hand the task straight back.
    if (await releaseTask(taskId, claim.task.attempt)) await sendLipsyncJob(taskId);
    return;
  }
  if (claim.kind === "missing" || claim.kind === "final") return;
  if (claim.kind === "busy") {
    // The account runs maxJobs tasks already: look again in a few seconds (still submitted).
    await sendLipsyncJob(taskId, 2 + Math.round(Math.random() * 2));
    return;
  }
  if (claim.kind === "held") {
    // A duplicate job while a live worker runs the task: check back after that worker could
    // have gone stale, so the task is never left without a job.
    await sendLipsyncJob(taskId, Math.max(5, Math.round(env.WORKER_STALE_SECONDS / 2)));
    return;
  }

  const { task, takeover } = claim;
  const account = await prisma.account.findUnique({ where: { id: task.accountId } });
  if (account?.provider === "useapi") {
    const { forwardUseapiTask } = await import("../useapi/forward-useapi-task");
    return forwardUseapiTask(task, account);
  }
  const attempt = task.attempt;
  const log = logger.child({ taskId, attempt });
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  log.info(`attempt ${attempt} started${takeover ? " (taken over from a worker that stopped reporting)" : ""}`);
  const run = new TaskRun(taskId, attempt, env.JOB_TIMEOUT_SECONDS * 1000);
  const taskDir = path.join(env.DATA_DIR, "work", `task-${taskId}`);
  const workDir = path.join(taskDir, `attempt-${attempt}`);
  let stored: StoredResult | undefined;
  try {
    await removeOtherAttempts(taskDir, workDir);
    await mkdir(workDir, { recursive: true });
    const video = await prepareInput(task, "video", workDir, run.signal);
    const audio = await prepareInput(task, "audio", workDir, run.signal);
    run.report(0, "probe");
    const result = await workerEngine().run({
      video,
      audio,
      output: path.join(workDir, "result.mp4"),
      cover: path.join(workDir, "cover.jpg"),
      options: { facePoint: await facePointPixels(video, task.facePointX, task.facePointY, run.signal) },
      signal: run.signal,
      onProgress: ({ stage, fraction }) => run.report(Math.floor(fraction * 1000) / 10, stage),
    });
    await run.end();
    if (run.reason) throw new Error(`stopped: ${run.reason}`);
    stored = await storeResult(taskId, result, log);
    if (await finishTask(taskId, attempt, stored)) {
      log.info({ frames: result.frames, engineSeconds: result.elapsed }, `succeeded (${result.frames} frames, ${result.elapsed.toFixed(1)} s)`);
      observeTaskEnd("succeeded", seconds());
      observeEngineFps(result.frames, result.elapsed);
      stored = undefined;
    } else {
      log.info(`attempt ${attempt} finished but no longer owns the task (cancelled or taken over); result discarded`);
      observeTaskEnd("lost", seconds());
    }
  } catch (error) {
    await run.end();
    try {
      observeTaskEnd(await settleFailure(task, attempt, run, error, log), seconds());
    } catch (crash) {
      observeTaskEnd("crashed", seconds());
      throw crash;
    }
  } finally {
    if (stored) await deleteStored(stored);
    await rm(workDir, { recursive: true, force: true });
    await rmdir(taskDir).catch(() => undefined); // only when empty
  }
}

/** Records how the attempt ended; returns the outcome, or throws for a crash (pg-boss retries the job). */
async function settleFailure(task: Task, attempt: number, run: TaskRun, error: unknown, log: Logger): Promise<"failed" | "released" | "lost"> {
  const taskId = task.id;
  switch (run.reason) {
    case "lost":
      log.info(`attempt ${attempt} stopped: the task was cancelled or taken over by another worker`);
      return "lost";
    case "shutdown":
      // Hand the task back at once rather than waiting for the job to expire.
      if (await releaseTask(taskId, attempt)) await sendLipsyncJob(taskId);
      log.info("handed back to the queue (worker shutting down)");
      return "released";
    case "timeout":
      await failTask(
        taskId,
        attempt,
        "JOB_TIMEOUT",
        `The task took longer than ${env.JOB_TIMEOUT_SECONDS} s (the JOB_TIMEOUT_SECONDS limit) and was stopped. Try a shorter or lower-resolution video.`,
      );
      log.info(`failed: took longer than ${env.JOB_TIMEOUT_SECONDS} s`);
      return "failed";
  }
  if (isOutOfSpace(error)) {
    await failTask(
      taskId,
      attempt,
      "STORAGE_FULL",
      "The server ran out of disk space while running the task; nothing was kept. Submit it again later (the server's DATA_DIR needs more free space).",
    );
    log.warn({ errorCode: "STORAGE_FULL" }, `failed: STORAGE_FULL: ${(error as Error).message}`);
    return "failed";
  }
  if (isLipsyncError(error) || error instanceof InputError) {
    await failTask(taskId, attempt, error.code, error.message);
    log.info({ errorCode: error.code }, `failed: ${error.code}: ${error.message}`);
    return "failed";
  }
  // Unexpected (a bug, the database or the disk): give the task back and let pg-boss retry.
  log.error({ err: error }, `attempt ${attempt} crashed`);
  await releaseTask(taskId, attempt).catch(() => undefined);
  throw error;
}

const DOWNLOAD_CODES: Record<string, string> = {
  URL_REFUSED: "INPUT_URL_REFUSED",
  TOO_LARGE: "INPUT_TOO_LARGE",
  TIMEOUT: "INPUT_DOWNLOAD_TIMEOUT",
};

/** A local path of the input: the stored upload (fetched into the work folder from remote storage), or the URL downloaded there. */
export async function prepareInput(task: Task, name: "video" | "audio", workDir: string, signal: AbortSignal): Promise<string> {
  const assetId = name === "video" ? task.videoAssetId : task.audioAssetId;
  const url = name === "video" ? task.videoUrl : task.audioUrl;
  if (assetId) {
    const asset = await prisma.asset.findFirst({ where: { id: assetId, userId: task.userId } });
    if (!asset) {
      throw new InputError("INPUT_NOT_FOUND", `The ${name} file ${url} no longer exists (deleted?). Upload it again with POST /v1/kling/assets and submit a new task.`);
    }
    return getStorage().localFile(asset.storageKey, workDir, signal);
  }
  const extension = path.extname(new URL(url).pathname).toLowerCase();
  const target = path.join(workDir, `${name}${/^\.[a-z0-9]{1,5}$/.test(extension) ? extension : ".bin"}`);
  try {
    await safeDownload(url, target, {
      maxBytes: env.MAX_DOWNLOAD_BYTES,
      timeoutMs: env.DOWNLOAD_TIMEOUT_SECONDS * 1000,
      allowPrivate: env.ALLOW_PRIVATE_URLS,
      signal,
    });
  } catch (error) {
    if (!(error instanceof DownloadError) || signal.aborted) throw error;
    const code = DOWNLOAD_CODES[error.code] ?? "INPUT_DOWNLOAD_FAILED";
    const message =
      error.code === "URL_REFUSED"
        ? `The ${name} URL ${url} was refused: ${error.message}`
        : error.code === "TOO_LARGE"
          ? `Could not download the ${name} from ${url}: ${error.message} (MAX_DOWNLOAD_BYTES). Use a smaller file.`
          : `Could not download the ${name} from ${url}: ${error.message}. Check that the URL is public and points to the file itself.`;
    throw new InputError(code, message);
  }
  return keepDownloadedInput(task, name, target);
}

/**
 * Keeps a downloaded input as an upload asset of the task's user and points the task at it (only
 * while this attempt owns the task), so the studio can show the original and a retry does not
 * download again. Returns the path to use: the stored file (fetched back into the work folder
 * from remote storage), or `file` when it was not kept.
 */
async function keepDownloadedInput(task: Task, name: "video" | "audio", file: string): Promise<string> {
  const handle = await open(file);
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0).finally(() => handle.close());
  const media = sniffMediaType(buffer.subarray(0, bytesRead));
  if (!media.supported) return file; // the engine says what is wrong with it
  const id = newAssetId();
  const storageKey = assetStorageKey(id);
  const storage = getStorage();
  try {
    const kept = await prisma.$transaction(
      async (tx) => {
        const owned = await tx.task.updateMany({
          where: { id: task.id, attempt: task.attempt, status: TASK_STATUS.processing },
          data: name === "video" ? { videoAssetId: id } : { audioAssetId: id },
        });
        if (owned.count !== 1) return file; // cancelled or taken over: this run stops at its next heartbeat
        const { size } = await storage.putFile(storageKey, file, { move: true });
        const fileName = sanitizeFileName(fileNameFromUrl(name === "video" ? task.videoUrl : task.audioUrl), media.extension, media.kind);
        await tx.asset.create({
          data: {
            id,
            userId: task.userId,
            kind: "upload",
            fileName,
            contentType: media.contentType,
            size: BigInt(size),
            storageKey,
            previewStatus: media.kind === "video" ? "pending" : null,
          },
        });
        return storage.localFile(storageKey, path.dirname(file));
      },
      { timeout: 60_000 },
    );
    if (kept !== file && media.kind === "video") await queuePreview(id);
    return kept;
  } catch (error) {
    await storage.delete(storageKey);
    throw error;
  }
}

/** Moves the result and cover into storage under fresh asset ids (new names per attempt). */
async function storeResult(taskId: number, result: Awaited<ReturnType<typeof runLipsync>>, log: Logger): Promise<StoredResult> {
  const storage = getStorage();
  const names = resultFileNames(taskId);
  const videoId = newAssetId();
  const videoKey = assetStorageKey(videoId);
  const { size: videoSize } = await storage.putFile(videoKey, result.output, { move: true });
  let cover: StoredResult["cover"] = null;
  try {
    const coverId = newAssetId();
    const coverKey = assetStorageKey(coverId);
    const { size } = await storage.putFile(coverKey, result.cover, { move: true });
    cover = { assetId: coverId, storageKey: coverKey, fileName: names.cover, size };
  } catch (error) {
    log.warn({ err: error }, "no cover stored");
  }
  return {
    width: result.width,
    height: result.height,
    duration: result.duration,
    video: { assetId: videoId, storageKey: videoKey, fileName: names.video, size: videoSize },
    cover,
  };
}

async function deleteStored(stored: StoredResult): Promise<void> {
  const storage = getStorage();
  await storage.delete(stored.video.storageKey).catch(() => undefined);
  if (stored.cover) await storage.delete(stored.cover.storageKey).catch(() => undefined);
}

/** Work folders of earlier attempts of the task (a killed worker's leftovers). */
async function removeOtherAttempts(taskDir: string, keep: string): Promise<void> {
  const entries = await readdir(taskDir).catch(() => [] as string[]);
  for (const entry of entries) {
    const full = path.join(taskDir, entry);
    if (full !== keep) await rm(full, { recursive: true, force: true });
  }
}
