/**
 * Every change of a task's status, as conditional writes: a worker owns a task only while the
 * row says status 10 with the attempt number it claimed, so a stale worker (killed, frozen, or
 * overtaken) can never finish, fail or touch a task twice. Timestamps come from the database
 * clock (now()), so workers on machines with skewed clocks agree on what "stale" means.
 */
import { prisma } from "@/lib/db";
import type { Prisma, Task } from "@/lib/generated/prisma/client";
import { nextMilestone, recordDelivery } from "@/lib/webhooks/record-delivery";

export const TASK_STATUS = { submitted: 5, processing: 10, succeed: 99, failed: 50 } as const;

/** First key of pg_advisory_xact_lock(int, int) taken per account while claiming its tasks. */
const ACCOUNT_LOCK_CLASS = 0x4c53; // "LS"

type Tx = Prisma.TransactionClient;

export type ClaimResult =
  | { kind: "claimed"; task: Task; takeover: boolean }
  /** The account already runs maxJobs tasks, or older tasks of it wait first. */
  | { kind: "busy"; running: number; maxJobs: number }
  /** Another worker holds the task and still reports: this job is a duplicate. */
  | { kind: "held" }
  | { kind: "final" }
  | { kind: "missing" };

interface ClaimRow {
  id: number;
  status: number;
  accountId: number;
  stale: boolean;
}

/**
 * Claims a task for this worker in one transaction, serialised per account by an advisory lock:
 * a submitted task starts when the account runs fewer than maxJobs tasks and no older task of
 * the account waits (first come, first served); a processing task whose worker stopped reporting
 * for `staleSeconds`, or whose job pg-boss is retrying (`retried`: the job expired or was failed
 * for its silent worker), is taken over. Either way attempt goes up by one: the new owner's number.
 */
export async function claimTask(taskId: number, options: { staleSeconds: number; retried?: boolean }): Promise<ClaimResult> {
  const found = await prisma.task.findUnique({ where: { id: taskId }, select: { accountId: true } });
  if (!found) return { kind: "missing" };
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${ACCOUNT_LOCK_CLASS}::integer, ${found.accountId}::integer)::text`;
    const [row] = await tx.$queryRaw<ClaimRow[]>`
      SELECT id, status, "accountId", ("updatedAt" < now() - make_interval(secs => ${options.staleSeconds}::double precision)) AS stale
      FROM "Task" WHERE id = ${taskId} FOR UPDATE`;
    if (!row) return { kind: "missing" };
    if (row.status === TASK_STATUS.succeed || row.status === TASK_STATUS.failed) return { kind: "final" };
    if (row.status === TASK_STATUS.processing) {
      // A retried job (expired, or failed by the reconciler) means its holder is gone: take over.
      if (!row.stale && !options.retried) return { kind: "held" };
      await tx.$executeRaw`
        UPDATE "Task" SET attempt = attempt + 1, "startedAt" = now(), "updatedAt" = now(), progress = 0, stage = 'download'
        WHERE id = ${taskId}`;
      return { kind: "claimed", task: await tx.task.findUniqueOrThrow({ where: { id: taskId } }), takeover: true };
    }
    const account = await tx.account.findUniqueOrThrow({ where: { id: row.accountId } });
    const running = await tx.task.count({ where: { accountId: row.accountId, status: TASK_STATUS.processing } });
    const olderWaiting = await tx.task.count({
      where: { accountId: row.accountId, status: TASK_STATUS.submitted, id: { lt: taskId } },
    });
    if (running + olderWaiting >= account.maxJobs) return { kind: "busy", running, maxJobs: account.maxJobs };
    await tx.$executeRaw`
      UPDATE "Task" SET status = ${TASK_STATUS.processing}, attempt = attempt + 1, "startedAt" = now(), "updatedAt" = now(),
        progress = 0, stage = 'download', error = NULL, "errorCode" = NULL
      WHERE id = ${taskId}`;
    const task = await tx.task.findUniqueOrThrow({ where: { id: taskId } });
    await recordDelivery(tx, task, "processing");
    return { kind: "claimed", task, takeover: false };
  });
}

/**
 * The worker's heartbeat and progress report. False when the worker no longer owns the task
 * (cancelled, or taken over after it was thought dead): it must stop at once, writing nothing.
 */
export async function touchTask(taskId: number, attempt: number, report: { progress?: number; stage?: string } = {}): Promise<boolean> {
  const changed = await prisma.$executeRaw`
    UPDATE "Task" SET "updatedAt" = now(),
      progress = COALESCE(${report.progress ?? null}::double precision, progress),
      stage = COALESCE(${report.stage ?? null}::text, stage)
    WHERE id = ${taskId} AND attempt = ${attempt} AND status = ${TASK_STATUS.processing}`;
  return changed === 1;
}

/**
 * Like touchTask, and queues the progress callback of the next milestone (25, 50, 75%) when the
 * task reached it. Milestones announced by an earlier attempt are not repeated.
 */
export async function touchTaskWithMilestone(taskId: number, attempt: number, report: { progress: number; stage: string }): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    if (!(await ownedUpdate(tx, taskId, attempt, report))) return false;
    const task = await tx.task.findUniqueOrThrow({ where: { id: taskId } });
    if (task.replyUrl) {
      const announced = await tx.webhookDelivery.count({ where: { taskId, event: "progress" } });
      if (nextMilestone(report.progress, announced) !== null) await recordDelivery(tx, task, "progress");
    }
    return true;
  });
}

async function ownedUpdate(tx: Tx, taskId: number, attempt: number, report: { progress: number; stage: string }): Promise<boolean> {
  const changed = await tx.$executeRaw`
    UPDATE "Task" SET "updatedAt" = now(), progress = ${report.progress}::double precision, stage = ${report.stage}
    WHERE id = ${taskId} AND attempt = ${attempt} AND status = ${TASK_STATUS.processing}`;
  return changed === 1;
}

export interface StoredResult {
  width: number;
  height: number;
  duration: number;
  video: { assetId: string; storageKey: string; fileName: string; size: number };
  cover: { assetId: string; storageKey: string; fileName: string; size: number } | null;
}

/**
 * Marks the task succeeded with its result, only if this worker's attempt still owns it; the
 * result and cover assets are created in the same transaction. False: someone else owns the
 * task now (the caller deletes the files it stored).
 */
export async function finishTask(taskId: number, attempt: number, result: StoredResult): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const changed = await tx.$executeRaw`
      UPDATE "Task" SET status = ${TASK_STATUS.succeed}, progress = 100, stage = NULL, error = NULL, "errorCode" = NULL,
        "resultAssetId" = ${result.video.assetId}, "coverAssetId" = ${result.cover?.assetId ?? null},
        width = ${result.width}, height = ${result.height}, duration = ${result.duration}::double precision,
        "finishedAt" = now(), "updatedAt" = now()
      WHERE id = ${taskId} AND attempt = ${attempt} AND status = ${TASK_STATUS.processing}`;
    if (changed !== 1) return false;
    const task = await tx.task.findUniqueOrThrow({ where: { id: taskId } });
    const files = [
      { ...result.video, kind: "result", contentType: "video/mp4" },
      ...(result.cover ? [{ ...result.cover, kind: "cover", contentType: "image/jpeg" }] : []),
    ];
    for (const file of files) {
      await tx.asset.create({
        data: {
          id: file.assetId,
          userId: task.userId,
          kind: file.kind,
          fileName: file.fileName,
          contentType: file.contentType,
          size: BigInt(file.size),
          storageKey: file.storageKey,
        },
      });
    }
    await recordDelivery(tx, task, "succeed");
    return true;
  });
}

/** Marks the task failed with a stable code and an actionable message, if this attempt owns it. */
export async function failTask(taskId: number, attempt: number, errorCode: string, message: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const changed = await tx.$executeRaw`
      UPDATE "Task" SET status = ${TASK_STATUS.failed}, stage = NULL, error = ${message}, "errorCode" = ${errorCode},
        "finishedAt" = now(), "updatedAt" = now()
      WHERE id = ${taskId} AND attempt = ${attempt} AND status = ${TASK_STATUS.processing}`;
    if (changed !== 1) return false;
    await recordDelivery(tx, await tx.task.findUniqueOrThrow({ where: { id: taskId } }), "failed");
    return true;
  });
}

/** Gives the task back to the queue (status submitted) when this attempt could not run it. */
export async function releaseTask(taskId: number, attempt: number): Promise<boolean> {
  const changed = await prisma.$executeRaw`
    UPDATE "Task" SET status = ${TASK_STATUS.submitted}, stage = NULL, progress = 0, "updatedAt" = now()
    WHERE id = ${taskId} AND attempt = ${attempt} AND status = ${TASK_STATUS.processing}`;
  return changed === 1;
}

/** Cancels a waiting or running task: failed with errorCode CANCELLED. False when already final. */
export async function cancelTaskRow(taskId: number, message = "The task was cancelled."): Promise<boolean> {
  return failUnfinished(taskId, "CANCELLED", message);
}

/** A task whose job used up its retries (dead-lettered): its worker kept dying or crashing. */
export async function failAbandonedTask(taskId: number): Promise<boolean> {
  return failUnfinished(
    taskId,
    "WORKER_LOST",
    "The task was interrupted three times (its worker stopped or crashed while running it) and was given up. Submit it again; if that fails too, try a shorter or smaller video.",
  );
}

async function failUnfinished(taskId: number, errorCode: string, message: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const changed = await tx.$executeRaw`
      UPDATE "Task" SET status = ${TASK_STATUS.failed}, stage = NULL, error = ${message}, "errorCode" = ${errorCode},
        "finishedAt" = now(), "updatedAt" = now()
      WHERE id = ${taskId} AND status IN (${TASK_STATUS.submitted}, ${TASK_STATUS.processing})`;
    if (changed !== 1) return false;
    await recordDelivery(tx, await tx.task.findUniqueOrThrow({ where: { id: taskId } }), "failed");
    return true;
  });
}
