import { logger } from "@/lib/log/logger";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import type { Account, Task } from "@/lib/generated/prisma/client";
import { isLipsyncError } from "@/lib/lipsync";
import { connectionOf } from "@/lib/useapi/connection-of";
import { describeUseapiFailure } from "@/lib/useapi/describe-useapi-failure";
import { findKlingTask } from "@/lib/useapi/find-kling-task";
import { stopKlingTask } from "@/lib/useapi/stop-kling-task";
import { submitKlingLipsync } from "@/lib/useapi/submit-kling-lipsync";
import { uploadKlingAsset } from "@/lib/useapi/upload-kling-asset";
import { UseapiError } from "@/lib/useapi/useapi-error";
import type { UseapiConnection } from "@/lib/useapi/useapi-request";
import { sendLipsyncJob } from "../lipsync/enqueue-lipsync-task";
import { InputError, prepareInput } from "../lipsync/handle-lipsync-task";
import { TaskRun } from "../lipsync/task-run";
import { failTask, releaseTask } from "../lipsync/task-state";
import { KLING_REPLY_REF_PREFIX } from "./definition";
import { prepareUpstreamMedia } from "./prepare-upstream-media";
import { replyUrlFor } from "./reply-url-for";
import { sendUseapiPoll } from "./send-useapi-poll";
import { updateOwnedTask } from "./upstream-state";

/** 429s in a row before the task fails with UPSTREAM_BUSY (about an hour of waiting). */
const MAX_BUSY = 60;

/**
 * Runs a claimed task of a useapi account: instead of the engine, the inputs go to Kling through
 * useapi.net. The upstream id is stored the moment the submit answers; from then on light poll
 * jobs follow the task (sendUseapiPoll) and this worker slot is free. A later attempt (worker
 * killed, submit timed out) resumes: it polls a known id, and after a submit whose answer never
 * came it looks for the upstream task before submitting again.
 */
export async function forwardUseapiTask(task: Task, account: Account): Promise<void> {
  const { id: taskId, attempt } = task;
  const run = new TaskRun(taskId, attempt, env.JOB_TIMEOUT_SECONDS * 1000);
  const workDir = path.join(env.DATA_DIR, "work", `task-${taskId}`, `upstream-${attempt}`);
  const replyRef = `${KLING_REPLY_REF_PREFIX}${taskId}`;
  try {
    const conn = connectionOf(account);
    if (!task.upstreamTaskId && task.upstreamSubmittedAt && task.upstreamVideoUrl) {
      const found = await findKlingTask(conn, { replyRef, video: task.upstreamVideoUrl, since: task.upstreamSubmittedAt }).catch((error: unknown) => {
        if (!(error instanceof UseapiError) || (error.status !== 0 && error.status !== 429 && error.status < 500)) throw error;
        return undefined; // cannot look now: never submit blind, look again shortly
      });
      if (found === undefined) {
        await run.end();
        if (await releaseTask(taskId, attempt)) await sendLipsyncJob(taskId, 10);
        logger.info({ taskId }, `could not look for the earlier submit at useapi.net; looking again in 10 s`);
        return;
      }
      if (found) {
        logger.info({ taskId }, `the earlier submit went through (upstream task ${found}); not submitting again`);
        await adopt(task, conn, found);
        return;
      }
      logger.info({ taskId }, `the earlier submit left no upstream task; submitting again`);
    }
    if (task.upstreamTaskId) {
      await adopt(task, conn, task.upstreamTaskId);
      return;
    }
    let { upstreamVideoUrl: video, upstreamAudioUrl: audio } = task;
    if (!video || !audio) {
      await mkdir(workDir, { recursive: true });
      run.report(1, "prepare");
      const media = await prepareUpstreamMedia(
        await prepareInput(task, "video", workDir, run.signal),
        await prepareInput(task, "audio", workDir, run.signal),
        workDir,
        run.signal,
      );
      run.report(3, "upload");
      video = await uploadKlingAsset(conn, media.video.bytes, media.video.contentType, run.signal);
      run.report(7, "upload");
      audio = await uploadKlingAsset(conn, media.audio.bytes, media.audio.contentType, run.signal);
      if (!(await updateOwnedTask(taskId, attempt, { upstreamVideoUrl: video, upstreamAudioUrl: audio }))) return;
    }
    run.report(9, "submit");
    await run.settle();
    if (!(await updateOwnedTask(taskId, attempt, { upstreamSubmittedAt: new Date() }))) return;
    let upstreamId: string;
    try {
      upstreamId = await submitKlingLipsync(conn, { video, audio, maxJobs: account.maxJobs, replyRef, replyUrl: replyUrlFor(taskId) }, run.signal);
    } catch (error) {
      if (error instanceof UseapiError && error.status === 0) {
        // No answer: the task may exist upstream. The next attempt looks before submitting again.
        await run.end();
        if (await releaseTask(taskId, attempt)) await sendLipsyncJob(taskId, 5);
        logger.info({ taskId }, `no answer to the submit (${error.text}); will look for it upstream before submitting again`);
        return;
      }
      // Any answer means no upstream task was made.
      await prisma.task.update({ where: { id: taskId }, data: { upstreamSubmittedAt: null } });
      throw error;
    }
    // Before anything else: the id, even if this attempt lost the task meanwhile.
    await prisma.task.updateMany({ where: { id: taskId, upstreamTaskId: null }, data: { upstreamTaskId: upstreamId, upstreamStatus: "submitted", upstreamBusyCount: 0 } });
    logger.info({ taskId }, `submitted to Kling through useapi.net as task ${upstreamId}`);
    await adopt({ ...task, upstreamTaskId: upstreamId }, conn, upstreamId);
  } catch (error) {
    await run.end();
    await settle(task, run, error);
  } finally {
    await run.end();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Follows a submitted upstream task from this attempt on (or stops it upstream when the task was cancelled meanwhile). */
async function adopt(task: Task, conn: UseapiConnection, upstreamId: string): Promise<void> {
  const owned = await updateOwnedTask(task.id, task.attempt, { upstreamTaskId: upstreamId, stage: "upstream", progress: 10 });
  if (!owned) {
    await stopKlingTask(conn, upstreamId).catch(() => undefined);
    return;
  }
  await sendUseapiPoll({ taskId: task.id, attempt: task.attempt, polls: 0 }, 2);
}

async function settle(task: Task, run: TaskRun, error: unknown): Promise<void> {
  const { id: taskId, attempt } = task;
  if (run.reason === "lost") return;
  if (run.reason === "shutdown") {
    if (await releaseTask(taskId, attempt)) await sendLipsyncJob(taskId);
    return;
  }
  if (error instanceof UseapiError && error.status === 429) {
    const busy = task.upstreamBusyCount + 1;
    if (busy <= MAX_BUSY) {
      const wait = error.retryAfter ?? Math.min(60, 10 * 1.5 ** (busy - 1));
      await prisma.task.update({ where: { id: taskId }, data: { upstreamBusyCount: busy } });
      if (await releaseTask(taskId, attempt)) await sendLipsyncJob(taskId, Math.max(1, Math.ceil(wait)));
      logger.info({ taskId }, `every Kling account is busy (429); trying again in ${Math.ceil(wait)} s`);
      return;
    }
    await failTask(taskId, attempt, "UPSTREAM_BUSY", `Every Kling account at useapi.net stayed busy (429) through ${MAX_BUSY} tries. Raise maxJobs or add Kling accounts at useapi.net, then submit again.`);
    return;
  }
  if (error instanceof UseapiError) {
    const failure = describeUseapiFailure(error, task.upstreamVideoUrl ? "submit" : "upload");
    await failTask(taskId, attempt, failure.code, failure.message);
    logger.info({ taskId }, `failed: ${failure.code}: ${error.message}`);
    return;
  }
  if (error instanceof InputError || isLipsyncError(error)) {
    await failTask(taskId, attempt, error.code, error.message);
    logger.info({ taskId }, `failed: ${error.code}: ${error.message}`);
    return;
  }
  if (run.reason === "timeout") {
    await failTask(taskId, attempt, "UPSTREAM_TIMEOUT", `Sending the task to useapi.net took longer than ${env.JOB_TIMEOUT_SECONDS} s (JOB_TIMEOUT_SECONDS). Try a smaller video.`);
    return;
  }
  logger.error({ taskId, attempt }, `attempt ${attempt} crashed: ${(error as Error)?.stack ?? String(error)}`);
  await releaseTask(taskId, attempt).catch(() => undefined);
  throw error;
}
