/**
 * The durable queue over real processes: an embedded PostgreSQL, `lib/cli/worker.ts` workers
 * (killed with SIGKILL where it matters), the shipped fixture served from a loopback server and
 * a loopback webhook receiver.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ffmpeg, FIXTURE_VIDEO, probeStreams } from "../helpers/media";
import { type JobStack, startJobStack, waitFor } from "./helpers/job-stack";
import { finalTask, newAccount, type Owner, submitTask, taskRow } from "./helpers/tasks";

let stack: JobStack;
let prisma: typeof import("@/lib/db").prisma;
let cancelLipsyncTask: typeof import("@/lib/jobs/lipsync/cancel-lipsync-task").cancelLipsyncTask;
let verifySignature: typeof import("@/lib/webhooks/sign-payload").verifySignature;
let inputFrames: number;

beforeAll(async () => {
  stack = await startJobStack();
  ({ prisma } = await import("@/lib/db"));
  ({ cancelLipsyncTask } = await import("@/lib/jobs/lipsync/cancel-lipsync-task"));
  ({ verifySignature } = await import("@/lib/webhooks/sign-payload"));
  inputFrames = (await probeStreams(FIXTURE_VIDEO)).video!.frames!;
  // A three times longer clip, for runs long enough to kill or cancel in the middle.
  const long = path.join(stack.dir, "long.mp4");
  await ffmpeg("-stream_loop", "2", "-i", FIXTURE_VIDEO, "-an", "-c:v", "libx264", "-preset", "ultrafast", long);
  stack.serve.set("/long.mp4", long);
  const notMedia = path.join(stack.dir, "not-media.mp4");
  await writeFile(notMedia, "this is not a video file\n".repeat(100));
  stack.serve.set("/not-media.mp4", notMedia);
});

afterEach(async () => {
  await stack?.stopWorkers();
});

afterAll(async () => {
  await stack?.stop();
});

const submit = (owner: Owner, inputs?: Parameters<typeof submitTask>[2]) => submitTask(stack, owner, inputs);

const task = taskRow;
const hooksOf = (taskId: number) => stack.hooksOf(taskId);
/** A worker's JSON log line of that task containing `text`. */
const taskLine = (taskId: number, text: string) => new RegExp(`"taskId":${taskId},[^\n]*${text}`);

/** A task followed at useapi.net (attempt 1, processing) and a query of its poll jobs, oldest first. */
async function followedTask(owner: Owner, upstreamTaskId: string) {
  const { getBoss, QUEUES } = await import("@/lib/jobs/queue");
  const boss = await getBoss();
  const followed = await prisma.task.create({
    data: { userId: owner.user.id, accountId: owner.account.id, videoUrl: `${stack.files}/astronaut.mp4`, audioUrl: `${stack.files}/speech.wav`, status: 10, attempt: 1, upstreamTaskId },
  });
  const pollsOf = async () => {
    const { rows } = await boss.getDb().executeSql(`SELECT id, state FROM pgboss.job WHERE name = $1 AND data->>'taskId' = $2 ORDER BY created_on`, [QUEUES.useapiPoll, String(followed.id)]);
    return rows as { id: string; state: string }[];
  };
  return { followed, pollsOf };
}

/** Every stored file under storage/assets has an Asset row and the other way round. */
async function expectStorageMatchesAssets() {
  const folder = path.join(stack.dataDir, "storage/assets");
  const files = existsSync(folder) ? await readdir(folder) : [];
  const assets = await prisma.asset.findMany({ select: { storageKey: true } });
  expect(files.sort()).toEqual(assets.map((asset) => path.basename(asset.storageKey)).sort());
}

describe("lip-sync jobs", () => {
  it("runs a task submitted → processing → succeed, with a playable MP4 and signed callbacks in order", async () => {
    const worker = await stack.startWorker();
    const owner = await newAccount();
    const submitted = await submit(owner, { hook: true, replyRef: "order-42" });

    const seen: number[] = [];
    const done = await waitFor(async () => {
      const row = await task(submitted.id);
      if (seen[seen.length - 1] !== row.status) seen.push(row.status);
      return row.status === 99 || row.status === 50 ? row : undefined;
    }, 120_000, "the task to finish", 50);
    expect(done.error).toBeNull();
    expect(seen).toEqual([5, 10, 99]);
    expect(done.attempt).toBe(1);
    expect(done.progress).toBe(100);

    // The result: a playable MP4 with every input frame, and a cover.
    const result = await prisma.asset.findUniqueOrThrow({ where: { id: done.resultAssetId! } });
    expect(result).toMatchObject({ kind: "result", contentType: "video/mp4", userId: owner.user.id, fileName: `lipsync-${done.id}.mp4` });
    const probed = await probeStreams(path.join(stack.dataDir, "storage", result.storageKey));
    expect(probed.video?.codec).toBe("h264");
    expect(probed.video?.frames).toBe(inputFrames);
    expect(probed.audio?.codec).toBe("aac");
    expect(await prisma.asset.findUnique({ where: { id: done.coverAssetId! } })).toMatchObject({ kind: "cover", contentType: "image/jpeg" });

    // Callbacks: every status change and the 25/50/75% milestones, in order, each signed.
    const hooks = await waitFor(async () => {
      const list = hooksOf(done.id);
      return list.some((hook) => hook.headers["x-lipsync-event"] === "succeed") ? list : undefined;
    }, 30_000, "the succeed callback");
    expect(hooks.map((hook) => hook.headers["x-lipsync-event"])).toEqual(["submitted", "processing", "progress", "progress", "progress", "succeed"]);
    expect(hooks.map((hook) => hook.json.status)).toEqual([5, 10, 10, 10, 10, 99]);
    const progress = hooks.map((hook) => hook.json.progress as number);
    expect(progress[2]).toBeGreaterThanOrEqual(25);
    expect(progress[3]).toBeGreaterThanOrEqual(50);
    expect(progress[4]).toBeGreaterThanOrEqual(75);
    expect(progress[5]).toBe(100);
    for (const hook of hooks) {
      expect(verifySignature(owner.user.webhookSecret, hook.headers["x-lipsync-signature"] as string, hook.body).ok).toBe(true);
      expect(hook.json.replyRef).toBe("order-42");
      expect((hook.json.task as { id: number }).id).toBe(done.id);
    }
    const last = hooks[hooks.length - 1].json as { works: Array<{ resource: { resource: string } }>; status_final: boolean };
    expect(last.status_final).toBe(true);
    expect(last.works[0].resource.resource).toContain(done.resultAssetId!);

    // Every attempt is stored (the worker records the last one just after the receiver has answered).
    const deliveries = await waitFor(async () => {
      const rows = await prisma.webhookDelivery.findMany({ where: { taskId: done.id }, include: { tries: true }, orderBy: { id: "asc" } });
      return rows.every((delivery) => delivery.deliveredAt !== null) ? rows : undefined;
    }, 30_000, "every callback recorded as delivered");
    expect(deliveries).toHaveLength(6);
    for (const delivery of deliveries) {
      expect(delivery.deliveredAt).not.toBeNull();
      expect(delivery.attempts).toBe(1);
      expect(delivery.tries.map((attempt) => attempt.statusCode)).toEqual([200]);
    }
    expect(existsSync(path.join(stack.dataDir, "work", `task-${done.id}`))).toBe(false);
    await expectStorageMatchesAssets();
    await worker.stop();
  });

  it("fails tasks with bad inputs with a specific error, and keeps working", async () => {
    // A killed worker's leftovers for a task that no longer runs go when a worker starts.
    const leftover = path.join(stack.dataDir, "work", "task-424242", "attempt-1");
    await mkdir(leftover, { recursive: true });
    await writeFile(path.join(leftover, "result.mp4.partial-1-abcd.mp4"), "partial");
    const previewLeftover = path.join(stack.dataDir, "work", "preview-AssetDeletedMeanwhile00");
    await mkdir(previewLeftover, { recursive: true });
    await writeFile(path.join(previewLeftover, "preview.mp4"), "partial");
    const worker = await stack.startWorker();
    expect(existsSync(path.dirname(leftover))).toBe(false);
    expect(existsSync(previewLeftover)).toBe(false);
    const owner = await newAccount(3);
    const missing = await submit(owner, { video: `${stack.files}/missing.mp4` });
    const broken = await submit(owner, { video: `${stack.files}/not-media.mp4` });
    const refused = await submit(owner, { audio: "http://169.254.169.254/latest/meta-data/" });
    const good = await submit(owner);

    const missingDone = await finalTask(missing.id);
    expect(missingDone.status).toBe(50);
    expect(missingDone.errorCode).toBe("INPUT_DOWNLOAD_FAILED");
    expect(missingDone.error).toContain("404");
    expect(missingDone.error).toContain(`${stack.files}/missing.mp4`);

    const brokenDone = await finalTask(broken.id);
    expect(brokenDone.status).toBe(50);
    expect(["UNREADABLE_FILE", "UNSUPPORTED_FORMAT", "NO_VIDEO_STREAM"]).toContain(brokenDone.errorCode);
    expect(brokenDone.error!.length).toBeGreaterThan(10);

    const refusedDone = await finalTask(refused.id);
    expect(refusedDone.errorCode).toBe("INPUT_URL_REFUSED");
    expect(refusedDone.error).toContain("cloud metadata");

    expect((await finalTask(good.id)).status).toBe(99);
    expect(worker.child.exitCode).toBeNull();
    await worker.stop();
  });

  it("runs at most maxJobs tasks of an account at once, first come first served", async () => {
    const workers = [await stack.startWorker(), await stack.startWorker()];
    const owner = await newAccount(1);
    const first = await submit(owner);
    const second = await submit(owner);
    let most = 0;
    let firstStartedBeforeSecond = true;
    await waitFor(async () => {
      const rows = await prisma.task.findMany({ where: { accountId: owner.account.id }, orderBy: { id: "asc" } });
      most = Math.max(most, rows.filter((row) => row.status === 10).length);
      if (rows[1].status !== 5 && rows[0].status === 5) firstStartedBeforeSecond = false;
      return rows.every((row) => row.status === 99 || row.status === 50);
    }, 180_000, "both tasks to finish", 50);
    expect(most).toBe(1);
    expect(firstStartedBeforeSecond).toBe(true);
    expect((await task(first.id)).status).toBe(99);
    expect((await task(second.id)).status).toBe(99);
    expect((await task(second.id)).startedAt!.getTime()).toBeGreaterThanOrEqual((await task(first.id)).finishedAt!.getTime());

    // With maxJobs 2 the same two workers run two tasks of the account side by side.
    await prisma.account.update({ where: { id: owner.account.id }, data: { maxJobs: 2 } });
    const pair = [await submit(owner), await submit(owner)];
    most = 0;
    await waitFor(async () => {
      const rows = await prisma.task.findMany({ where: { id: { in: pair.map((t) => t.id) } } });
      most = Math.max(most, rows.filter((row) => row.status === 10).length);
      return rows.every((row) => row.status === 99);
    }, 180_000, "the pair to finish", 50);
    expect(most).toBe(2);
    await Promise.all(workers.map((worker) => worker.stop()));
  });

  it("finishes a task exactly once when its worker is killed mid-job", async () => {
    const doomed = await stack.startWorker();
    const owner = await newAccount();
    const submitted = await submit(owner, { video: `${stack.files}/long.mp4`, hook: true });
    await waitFor(async () => {
      const row = await task(submitted.id);
      return row.status === 10 && row.progress >= 10;
    }, 120_000, "the task to be well under way", 50);
    await doomed.stop("SIGKILL");
    expect((await task(submitted.id)).status).toBe(10);

    const rescuer = await stack.startWorker();
    const done = await finalTask(submitted.id, 180_000);
    expect(done.status).toBe(99);
    expect(done.attempt).toBe(2);
    expect(rescuer.output()).toContain("taken over");
    expect(await prisma.asset.count({ where: { userId: owner.user.id, kind: "result" } })).toBe(1);
    expect(await prisma.asset.count({ where: { userId: owner.user.id, kind: "cover" } })).toBe(1);
    await expectStorageMatchesAssets();
    expect(existsSync(path.join(stack.dataDir, "work", `task-${done.id}`))).toBe(false);
    const probed = await probeStreams(path.join(stack.dataDir, "storage", (await prisma.asset.findUniqueOrThrow({ where: { id: done.resultAssetId! } })).storageKey));
    expect(probed.video?.frames).toBe(inputFrames * 3);

    // One "processing" and one "succeed" callback: the takeover is not a status change.
    const events = await waitFor(async () => {
      const list = hooksOf(done.id).map((hook) => hook.headers["x-lipsync-event"]);
      return list.includes("succeed") ? list : undefined;
    }, 30_000, "the succeed callback");
    expect(events.filter((event) => event === "processing")).toHaveLength(1);
    expect(events.filter((event) => event === "succeed")).toHaveLength(1);
    await rescuer.stop();
  });

  it("retries the job of a killed worker when pg-boss expires it (JOB_TIMEOUT_SECONDS + 30 s), even with no staleness check", async () => {
    // WORKER_STALE_SECONDS=3600: the heartbeat check never fires, only pg-boss expiry can help.
    const env = { JOB_TIMEOUT_SECONDS: "20", WORKER_STALE_SECONDS: "3600" };
    const doomed = await stack.startWorker(env);
    const owner = await newAccount();
    // The sender sets the job's expiry (from its own JOB_TIMEOUT_SECONDS): send as a 20 s setup would.
    const submitted = await prisma.task.create({
      data: { userId: owner.user.id, accountId: owner.account.id, videoUrl: `${stack.files}/astronaut.mp4`, audioUrl: `${stack.files}/speech.wav` },
    });
    const { getBoss, QUEUES } = await import("@/lib/jobs/queue");
    const { lipsyncSendOptions } = await import("@/lib/jobs/lipsync/definition");
    await (await getBoss()).send(QUEUES.lipsync, { taskId: submitted.id }, lipsyncSendOptions(20));
    await waitFor(async () => {
      const row = await task(submitted.id);
      return row.status === 10 && row.progress >= 5;
    }, 60_000, "the task to run", 50);
    const killedAt = Date.now();
    await doomed.stop("SIGKILL");
    const rescuer = await stack.startWorker(env);
    const done = await finalTask(submitted.id, 180_000);
    expect(done.status).toBe(99);
    expect(done.attempt).toBe(2);
    // Not before the job's expiry (20 + 30 s after it started).
    expect(done.startedAt!.getTime() - killedAt).toBeGreaterThan(40_000);
    expect(rescuer.output()).toContain("attempt 2 started");
    expect(await prisma.asset.count({ where: { userId: owner.user.id, kind: "result" } })).toBe(1);
    await rescuer.stop();
  });

  it("hands a running task back to the queue at once when its worker is stopped (SIGTERM) with no grace period", async () => {
    const leaving = await stack.startWorker({ WORKER_STALE_SECONDS: "3600", SHUTDOWN_GRACE_SECONDS: "0" });
    const owner = await newAccount();
    const submitted = await submit(owner, { video: `${stack.files}/long.mp4` });
    await waitFor(async () => (await task(submitted.id)).progress >= 5, 60_000, "the task to run", 50);
    await leaving.stop("SIGTERM");
    expect(leaving.output()).toMatch(taskLine(submitted.id, "handed back to the queue"));
    expect((await task(submitted.id)).status).toBe(5);
    const next = await stack.startWorker({ WORKER_STALE_SECONDS: "3600" });
    const done = await finalTask(submitted.id, 120_000);
    expect(done).toMatchObject({ status: 99, attempt: 2 });
    await next.stop();
  });

  it("fails a task that runs past JOB_TIMEOUT_SECONDS with a 'took too long' error, without retrying it", async () => {
    const worker = await stack.startWorker({ JOB_TIMEOUT_SECONDS: "10" });
    const owner = await newAccount();
    const submitted = await submit(owner, { video: `${stack.files}/stall` });
    const done = await finalTask(submitted.id, 60_000);
    expect(done.status).toBe(50);
    expect(done.errorCode).toBe("JOB_TIMEOUT");
    expect(done.error).toContain("took longer than 10 s");
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await task(submitted.id)).attempt).toBe(1);
    await worker.stop();
  });

  it("cancels a waiting task (its job too) and a running one (the worker stops the engine)", async () => {
    const worker = await stack.startWorker();
    const owner = await newAccount(1);
    const running = await submit(owner, { video: `${stack.files}/long.mp4`, hook: true });
    const waiting = await submit(owner);
    await waitFor(async () => (await task(running.id)).progress >= 5, 120_000, "the first task to run");
    expect((await task(waiting.id)).status).toBe(5);

    expect(await cancelLipsyncTask(waiting.id)).toEqual({ cancelled: true, status: 50 });
    const { getBoss } = await import("@/lib/jobs/queue");
    const boss = await getBoss();
    const { rows } = await boss.getDb().executeSql(`SELECT state FROM pgboss.job WHERE data->>'taskId' = $1`, [String(waiting.id)]);
    expect(rows.map((row: { state: string }) => row.state)).not.toContain("created");

    expect(await cancelLipsyncTask(running.id)).toEqual({ cancelled: true, status: 50 });
    await worker.waitForOutput(taskLine(running.id, "attempt 1 stopped"), 15_000);
    const cancelled = await task(running.id);
    expect(cancelled).toMatchObject({ status: 50, errorCode: "CANCELLED", resultAssetId: null });
    expect(await cancelLipsyncTask(running.id)).toEqual({ cancelled: false, status: 50 });
    const events = await waitFor(async () => {
      const list = hooksOf(running.id);
      return list.some((hook) => hook.headers["x-lipsync-event"] === "failed") ? list : undefined;
    }, 30_000, "the failed callback");
    expect(events[events.length - 1].json).toMatchObject({ status: 50, errorCode: "CANCELLED" });
    // No result or cover; the downloaded inputs stay as the user's uploads.
    expect(await prisma.asset.count({ where: { userId: owner.user.id, kind: { not: "upload" } } })).toBe(0);
    await worker.stop();
  });

  it("retries a failing webhook with backoff, keeping the task's callbacks in order", async () => {
    const worker = await stack.startWorker();
    const owner = await newAccount();
    stack.hookResponses.push(500, 503);
    const submitted = await submit(owner, { hook: true });
    const hooks = await waitFor(async () => {
      const list = hooksOf(submitted.id);
      return list.some((hook) => hook.headers["x-lipsync-event"] === "succeed") ? list : undefined;
    }, 120_000, "the succeed callback");
    const events = hooks.map((hook) => hook.headers["x-lipsync-event"]);
    expect(events.slice(0, 4)).toEqual(["submitted", "submitted", "submitted", "processing"]);
    expect(events[events.length - 1]).toBe("succeed");
    // 5 s then 10 s (±10%) between the tries.
    expect(hooks[1].at - hooks[0].at).toBeGreaterThanOrEqual(4000);
    expect(hooks[2].at - hooks[1].at).toBeGreaterThanOrEqual(8500);
    const first = await prisma.webhookDelivery.findFirstOrThrow({ where: { taskId: submitted.id, event: "submitted" }, include: { tries: { orderBy: { id: "asc" } } } });
    expect(first.attempts).toBe(3);
    expect(first.tries.map((attempt) => attempt.statusCode)).toEqual([500, 503, 200]);
    expect(first.tries[0].error).toContain("HTTP 500");
    expect(first.deliveredAt).not.toBeNull();
    await worker.stop();
  });
});

describe("reconciler (in this process, no worker running)", () => {
  it("queues a submitted task that has no job, and fails a silent processing task that used its attempts", async () => {
    const { reconcileTasks } = await import("@/lib/jobs/lipsync/reconcile-tasks");
    const { getBoss, QUEUES } = await import("@/lib/jobs/queue");
    const owner = await newAccount(5);
    const base = { userId: owner.user.id, accountId: owner.account.id, videoUrl: `${stack.files}/astronaut.mp4`, audioUrl: `${stack.files}/speech.wav` };
    const orphan = await prisma.task.create({ data: base });
    const exhausted = await prisma.task.create({ data: { ...base, status: 10, attempt: 3, replyUrl: stack.hookUrl } });
    const fresh = await prisma.task.create({ data: base });
    await prisma.$executeRaw`UPDATE "Task" SET "updatedAt" = now() - interval '10 minutes' WHERE id IN (${orphan.id}, ${exhausted.id})`;

    const report = await reconcileTasks({ staleSeconds: 60 });
    expect(report.requeued).toEqual([orphan.id]);
    expect(report.abandoned).toEqual([exhausted.id]);
    const { rows } = await (await getBoss()).getDb().executeSql(
      `SELECT data->>'taskId' AS "taskId" FROM pgboss.job WHERE name = $1 AND state = 'created'`,
      [QUEUES.lipsync],
    );
    expect(rows.map((row: { taskId: string }) => Number(row.taskId))).toContain(orphan.id);
    expect(rows.map((row: { taskId: string }) => Number(row.taskId))).not.toContain(fresh.id);
    expect(await task(exhausted.id)).toMatchObject({ status: 50, errorCode: "WORKER_LOST" });
    expect(await prisma.webhookDelivery.count({ where: { taskId: exhausted.id, event: "failed" } })).toBe(1);

    // A second pass finds nothing more to do: the orphan has its job now.
    expect(await reconcileTasks({ staleSeconds: 60 })).toEqual({ retried: [], requeued: [], abandoned: [] });
    await prisma.task.deleteMany({ where: { id: { in: [orphan.id, fresh.id] } } });
  });

  it("removes the work folders of finished tasks and of previews no longer pending, and keeps the others", async () => {
    const { cleanWorkFolders } = await import("@/lib/jobs/lipsync/clean-work-folders");
    const owner = await newAccount(5);
    const base = { userId: owner.user.id, accountId: owner.account.id, videoUrl: `${stack.files}/astronaut.mp4`, audioUrl: `${stack.files}/speech.wav` };
    const running = await prisma.task.create({ data: { ...base, status: 10, attempt: 1 } });
    const ended = await prisma.task.create({ data: { ...base, status: 99, attempt: 1 } });
    const video = (previewStatus: string) => ({
      userId: owner.user.id, kind: "upload", fileName: "v.mp4", contentType: "video/mp4", size: 1, storageKey: `assets/x-${previewStatus}-${Date.now()}`, previewStatus,
    });
    const pending = await prisma.asset.create({ data: { id: `pendingPreview${Date.now()}`, ...video("pending") } });
    const ready = await prisma.asset.create({ data: { id: `readyPreview${Date.now()}`, ...video("ready") } });
    const work = path.join(stack.dataDir, "work");
    const folders = [`task-${running.id}`, `task-${ended.id}`, `preview-${pending.id}`, `preview-${ready.id}`, "preview-NoSuchAsset", "unrelated"];
    for (const folder of folders) await mkdir(path.join(work, folder, "attempt-1"), { recursive: true });

    const cleaned = await cleanWorkFolders(stack.dataDir);
    expect(cleaned.tasks).toEqual([ended.id]);
    expect(cleaned.previews.sort()).toEqual(["NoSuchAsset", ready.id].sort());
    expect((await readdir(work)).filter((name) => folders.includes(name)).sort()).toEqual([`preview-${pending.id}`, `task-${running.id}`, "unrelated"].sort());
    await prisma.asset.deleteMany({ where: { id: { in: [pending.id, ready.id] } } });
    await prisma.task.deleteMany({ where: { id: { in: [running.id, ended.id] } } });
    for (const folder of folders) await rm(path.join(work, folder), { recursive: true, force: true });
  });

  it("leaves a job a live worker fetched moments ago (its claim has not marked the task yet); retries it once it has been silent too", async () => {
    const { reconcileTasks } = await import("@/lib/jobs/lipsync/reconcile-tasks");
    const { sendLipsyncJob } = await import("@/lib/jobs/lipsync/enqueue-lipsync-task");
    const { getBoss, QUEUES } = await import("@/lib/jobs/queue");
    const owner = await newAccount(5);
    // The state a killed worker leaves: processing, silent for minutes; its retried job just fetched by a new worker.
    const taken = await prisma.task.create({
      data: { userId: owner.user.id, accountId: owner.account.id, videoUrl: `${stack.files}/astronaut.mp4`, audioUrl: `${stack.files}/speech.wav`, status: 10, attempt: 2 },
    });
    await prisma.$executeRaw`UPDATE "Task" SET "updatedAt" = now() - interval '10 minutes' WHERE id = ${taken.id}`;
    const boss = await getBoss();
    const jobId = await sendLipsyncJob(taken.id);
    // What pg-boss's fetch does to it (other tests' jobs may wait in the queue before it).
    await boss.getDb().executeSql(`UPDATE pgboss.job SET state = 'active', started_on = now() WHERE id = $1`, [jobId]);

    expect((await reconcileTasks({ staleSeconds: 60 })).retried).not.toContain(taken.id);
    const { rows } = await boss.getDb().executeSql(`SELECT state FROM pgboss.job WHERE id = $1`, [jobId]);
    expect(rows[0].state).toBe("active");
    expect(await task(taken.id)).toMatchObject({ status: 10, attempt: 2 });

    // The fetching worker died before its claim: once its job is as old as the silence, it is retried.
    await boss.getDb().executeSql(`UPDATE pgboss.job SET started_on = now() - interval '10 minutes' WHERE id = $1`, [jobId]);
    expect((await reconcileTasks({ staleSeconds: 60 })).retried).toContain(taken.id);
    await boss.deleteJob(QUEUES.lipsync, jobId!);
    await prisma.task.delete({ where: { id: taken.id } });
  });

  it("leaves a task followed at useapi.net while a poll of its attempt waits; retries a poll stuck on a silent worker without using an attempt", async () => {
    const { reconcileTasks } = await import("@/lib/jobs/lipsync/reconcile-tasks");
    const { sendUseapiPoll } = await import("@/lib/jobs/useapi/send-useapi-poll");
    const { getBoss, QUEUES } = await import("@/lib/jobs/queue");
    // A followed task whose polls came late (a busy worker): silent for minutes, its next poll waiting.
    const { followed, pollsOf } = await followedTask(await newAccount(5), "kling-1");
    await prisma.$executeRaw`UPDATE "Task" SET "updatedAt" = now() - interval '10 minutes' WHERE id = ${followed.id}`;
    const boss = await getBoss();
    const pollOf = async () => (await pollsOf())[0];
    const lipsyncJobs = async () => (await boss.getDb().executeSql(`SELECT id FROM pgboss.job WHERE name = $1 AND data->>'taskId' = $2`, [QUEUES.lipsync, String(followed.id)])).rows.length;
    await sendUseapiPoll({ taskId: followed.id, attempt: 1, polls: 3 }, 60);

    expect(await reconcileTasks({ staleSeconds: 60 })).toMatchObject({ retried: [], requeued: [], abandoned: [] });
    expect(await lipsyncJobs()).toBe(0);

    // The worker polling it died mid-poll: the poll is retried, the attempt kept.
    const poll = await pollOf();
    await boss.getDb().executeSql(`UPDATE pgboss.job SET state = 'active', started_on = now() - interval '10 minutes' WHERE id = $1`, [poll.id]);
    const report = await reconcileTasks({ staleSeconds: 60 });
    expect(report).toMatchObject({ retried: [followed.id], requeued: [], abandoned: [] });
    expect((await pollOf()).state).toBe("retry");
    expect(await lipsyncJobs()).toBe(0);
    expect(await task(followed.id)).toMatchObject({ status: 10, attempt: 1 });

    // A poll of an older attempt is no sign of life: the task is taken over by a new lip-sync job.
    await prisma.task.update({ where: { id: followed.id }, data: { attempt: 2 } });
    await prisma.$executeRaw`UPDATE "Task" SET "updatedAt" = now() - interval '10 minutes' WHERE id = ${followed.id}`;
    await boss.getDb().executeSql(`UPDATE pgboss.job SET state = 'active', started_on = now() WHERE id = $1`, [poll.id]);
    expect((await reconcileTasks({ staleSeconds: 60 })).requeued).toEqual([followed.id]);
    expect(await lipsyncJobs()).toBe(1);
    await boss.getDb().executeSql(`DELETE FROM pgboss.job WHERE data->>'taskId' = $1`, [String(followed.id)]);
    await prisma.task.delete({ where: { id: followed.id } });
  });

  it("cancels a poll stuck on a silent worker that had queued the next poll, which then starts (the queue is stately)", async () => {
    const { reconcileTasks } = await import("@/lib/jobs/lipsync/reconcile-tasks");
    const { sendUseapiPoll } = await import("@/lib/jobs/useapi/send-useapi-poll");
    const { getBoss, QUEUES } = await import("@/lib/jobs/queue");
    const { followed, pollsOf } = await followedTask(await newAccount(5), "kling-2");
    const boss = await getBoss();
    // A worker queued the next poll from inside its poll, then died before completing that poll.
    await sendUseapiPoll({ taskId: followed.id, attempt: 1, polls: 2 }, 0);
    const [stuck] = await pollsOf();
    await boss.getDb().executeSql(`UPDATE pgboss.job SET state = 'active', started_on = now() - interval '10 minutes' WHERE id = $1`, [stuck.id]);
    await sendUseapiPoll({ taskId: followed.id, attempt: 1, polls: 3 }, 0);
    const [, next] = await pollsOf();
    expect(next.state).toBe("created");
    await prisma.$executeRaw`UPDATE "Task" SET "updatedAt" = now() - interval '10 minutes' WHERE id = ${followed.id}`;
    // While the stuck poll holds the attempt's active place, the next one cannot start.
    expect(await boss.fetch(QUEUES.useapiPoll, { batchSize: 10 })).toEqual([]);

    expect(await reconcileTasks({ staleSeconds: 60 })).toMatchObject({ retried: [followed.id], requeued: [], abandoned: [] });
    expect(await pollsOf()).toEqual([{ id: stuck.id, state: "cancelled" }, { id: next.id, state: "created" }]);
    const fetched = await boss.fetch(QUEUES.useapiPoll, { batchSize: 10 });
    expect(fetched.map((job) => job.id)).toEqual([next.id]);
    expect(await task(followed.id)).toMatchObject({ status: 10, attempt: 1 });
    await boss.getDb().executeSql(`DELETE FROM pgboss.job WHERE data->>'taskId' = $1`, [String(followed.id)]);
    await prisma.task.delete({ where: { id: followed.id } });
  });
});

describe("URL inputs without ALLOW_PRIVATE_URLS (handler in this process)", () => {
  it("fails the task when an input URL points at a private or loopback address", async () => {
    const { env } = await import("@/lib/env");
    expect(env.ALLOW_PRIVATE_URLS).toBe(false);
    const { handleLipsyncTask } = await import("@/lib/jobs/lipsync/handle-lipsync-task");
    const owner = await newAccount(5);
    const cases = [
      [`${stack.files}/astronaut.mp4`, "loopback"],
      ["http://10.0.0.7/video.mp4", "private network"],
      ["http://[::ffff:127.0.0.1]:9/video.mp4", "loopback"],
      ["http://2130706433/video.mp4", "loopback"],
    ] as const;
    for (const [video, words] of cases) {
      const row = await prisma.task.create({
        data: { userId: owner.user.id, accountId: owner.account.id, videoUrl: video, audioUrl: `${stack.files}/speech.wav` },
      });
      await handleLipsyncTask({ taskId: row.id });
      const done = await task(row.id);
      expect(done.status, video).toBe(50);
      expect(done.errorCode).toBe("INPUT_URL_REFUSED");
      expect(done.error).toContain(words);
      expect(done.error).toContain("ALLOW_PRIVATE_URLS");
    }
  });
});
