/**
 * Crashes and outages on a whole stack (the web server, real worker processes, embedded
 * PostgreSQL): a worker SIGKILLed mid-job ten times, PostgreSQL restarted under a running task,
 * a webhook receiver down for "minutes" (the delivery history is moved back in time rather than
 * waited for), and a disk that fills up (a real tmpfs; root only, skipped otherwise).
 * Figures for docs/reliability.md are printed as "[figure] ...".
 */
import { existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, stopEmbeddedPostgres } from "@/lib/database/embedded-postgres";
import { type ApiClient, speechBytes, type TaskModel, waitForTask } from "@/tests/api/helpers";
import { probeStreams } from "@/tests/helpers/media";
import { until } from "@/tests/helpers/until";
import { freePort, type Stack, type StackUser, startStack, tempDir } from "@/tests/integration/harness";
import { type LoopbackServer, startLoopbackServer } from "@/tests/jobs/helpers/loopback-server";
import { type HostileMedia, makeHostileMedia } from "./helpers/hostile-media";
import { expectNoPartialFiles, expectNothingLeftBehind } from "./helpers/leftovers";
import { canMountTmpfs, mountTinyDisk, type TinyDisk } from "./helpers/tiny-disk";
import { webhookReceiver } from "./helpers/webhook-receiver";
import { createWorkerUser } from "./helpers/worker-user";

const KILLS = 10;
const TASKS = 6;
const MOUNTABLE = canMountTmpfs();
const scratch = tempDir("lipsync-crash-");

let stack: Stack;
let user: StackUser;
let client: ApiClient;
let loop: LoopbackServer;
let media: HostileMedia;
let disk: TinyDisk | undefined;
let face: { url: string };
let speech: { url: string };

const figure = (text: string) => console.log(`[figure] ${text}`);
const currentWorker = () => stack.workers[stack.workers.length - 1];

async function submit(body: Record<string, unknown>): Promise<number> {
  const { status, body: model } = await client.postJson<TaskModel>("/videos/lipsync", body);
  expect([status, model]).toEqual([200, expect.objectContaining({ status: 5 })]);
  return model.task.id;
}

beforeAll(async () => {
  media = await makeHostileMedia(scratch);
  loop = await startLoopbackServer();
  stack = await startStack({
    workers: 1,
    env: { API_RATE_LIMIT_PER_MINUTE: "100000", WORKER_STALE_SECONDS: "10" },
  });
  // Before anything is stored: storage and work folders on a 64 MB tmpfs the last test fills up.
  if (MOUNTABLE) disk = mountTinyDisk(stack.dataDir, 64 * 1024 * 1024);
  ({ user, client, face, speech } = await createWorkerUser(stack, media.shortFace));
}, 900_000);

afterAll(async () => {
  await stack?.stop();
  disk?.unmount();
  await loop?.stop();
  await rm(scratch, { recursive: true, force: true });
});

describe("a worker SIGKILLed in the middle of jobs", () => {
  it(`${KILLS} times: every task ends exactly once, with one result, one final callback, none stuck`, async () => {
    // Files a killed process could leave: an upload or result stored without its row, a partial
    // write. Old ones go when a worker starts; a fresh one may still get its row and stays.
    const assets = path.join(stack.dataDir, "storage", "assets");
    const partials = path.join(stack.dataDir, "storage", ".partial");
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    const oldOrphan = path.join(assets, "OrphanLeftByAKilledPrc");
    const freshOrphan = path.join(assets, "FreshFileAwaitingItsRo");
    const oldPartial = path.join(partials, "left-by-a-killed-upload");
    for (const file of [oldOrphan, freshOrphan, oldPartial]) writeFileSync(file, "bytes");
    utimesSync(oldOrphan, twoHoursAgo, twoHoursAgo);
    utimesSync(oldPartial, twoHoursAgo, twoHoursAgo);

    const ids: number[] = [];
    for (let i = 0; i < TASKS; i++) ids.push(await submit({ video: face.url, audio: speech.url, replyUrl: loop.hookUrl, replyRef: `kill-${i}` }));
    // The first task is killed on each of its three attempts (it must end WORKER_LOST); the others at most twice.
    const doomed = ids[0];
    const kills: Array<{ task: number; attempt: number; progress: number; stage: string | null }> = [];
    let workerStartedAt = new Date(0);
    while (kills.length < KILLS) {
      // Kills land in the tracking, audio and rendering stages in turn.
      const from = [5, 30, 55, 75][kills.length % 4];
      const victim = await until("a task running on the live worker, mid-way", async () => {
        const running = await stack.db.task.findMany({
          where: { id: { in: ids }, status: 10, progress: { gte: from, lte: 95 }, updatedAt: { gt: workerStartedAt } },
        });
        const doomedNeeds = 3 - kills.filter((kill) => kill.task === doomed).length;
        return running.find((task) => task.id === doomed || (task.attempt < 3 && KILLS - kills.length > doomedNeeds));
      }, 120_000, 50);
      const worker = currentWorker();
      worker.kill("SIGKILL");
      await new Promise((resolve) => (worker.exitCode !== null || worker.signalCode !== null ? resolve(null) : worker.once("exit", resolve)));
      kills.push({ task: victim.id, attempt: victim.attempt, progress: victim.progress, stage: victim.stage });
      workerStartedAt = new Date();
      await stack.startWorker();
    }
    // Every restarted worker swept the storage at start.
    expect(existsSync(oldOrphan)).toBe(false);
    expect(existsSync(oldPartial)).toBe(false);
    expect(existsSync(freshOrphan)).toBe(true);
    await rm(freshOrphan);
    figure(`worker kills: ${kills.length}, interrupted (task/attempt/progress): ${kills.map((k) => `${k.task}/${k.attempt}/${Math.round(k.progress)}%`).join(", ")}`);
    expect(kills.filter((kill) => kill.task === doomed)).toHaveLength(3);

    const finals = await until("every task to end", async () => {
      const rows = await stack.db.task.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
      return rows.every((row) => row.status === 99 || row.status === 50) && rows;
    }, 300_000, 500);
    for (const task of finals) {
      const killed = kills.filter((kill) => kill.task === task.id).length;
      if (killed === 3) {
        expect(task, `task ${task.id}`).toMatchObject({ status: 50, errorCode: "WORKER_LOST", attempt: 3, resultAssetId: null });
      } else {
        expect(task, `task ${task.id}`).toMatchObject({ status: 99, attempt: killed + 1 });
        const result = await stack.db.asset.findUniqueOrThrow({ where: { id: task.resultAssetId! } });
        expect((await probeStreams(path.join(stack.dataDir, "storage", result.storageKey))).video?.frames).toBe(50);
        expect(await stack.db.asset.count({ where: { id: task.coverAssetId! } })).toBe(1);
      }
    }
    const succeeded = finals.filter((task) => task.status === 99);
    figure(`tasks: ${finals.length}, succeeded ${succeeded.length} (attempts ${succeeded.map((t) => t.attempt).join(", ")}), failed WORKER_LOST ${finals.length - succeeded.length}`);
    // One result and one cover per succeeded task, and no other result or cover anywhere.
    expect(await stack.db.asset.count({ where: { userId: user.userId, kind: "result" } })).toBe(succeeded.length);
    expect(await stack.db.asset.count({ where: { userId: user.userId, kind: "cover" } })).toBe(succeeded.length);

    // One processing and one final callback per task (a repeat of one delivery, after a kill
    // during its POST, keeps its X-Lipsync-Delivery id: receivers drop it). A kill while a
    // callback was being sent holds the task's later ones back for the 30 s lease.
    const finalAt = Date.now();
    const events = await until("every final callback", async () => {
      const byTask = ids.map((id) => {
        const seen = new Map<string, string>();
        for (const hook of loop.hooksOf(id)) seen.set(String(hook.headers["x-lipsync-delivery"]), String(hook.headers["x-lipsync-event"]));
        return [...seen.values()];
      });
      return byTask.every((list) => list.includes("succeed") || list.includes("failed")) && byTask;
    }, 120_000, 250);
    figure(`every final callback in ${((Date.now() - finalAt) / 1000).toFixed(1)} s after the last task ended`);
    ids.forEach((id, i) => {
      const final = finals[i].status === 99 ? "succeed" : "failed";
      expect(events[i].filter((event) => event === "processing"), `task ${id}`).toHaveLength(1);
      expect(events[i].filter((event) => event === "succeed" || event === "failed"), `task ${id}`).toEqual([final]);
      expect(events[i][0]).toBe("submitted");
      expect(events[i][events[i].length - 1]).toBe(final);
    });

    await expectNothingLeftBehind(stack);
  });
});

describe("PostgreSQL restarted during a run", () => {
  it("answers 503 while it is down; web and worker recover by themselves and the tasks finish once", async () => {
    const worker = currentWorker();
    const running = await submit({ video: face.url, audio: speech.url });
    await until("the task to run", async () => (await client.json<TaskModel>(`/tasks/${running}`)).body.progress >= 10, 60_000, 50);
    const port = Number(new URL(stack.databaseUrl).port);

    await stopEmbeddedPostgres(stack.dataDir);
    const stoppedAt = Date.now();
    const during = await client.request(`/tasks/${running}`);
    expect(during.status).toBe(503);
    expect(during.headers.get("retry-after")).toBe("5");
    expect(await during.json()).toEqual({ error: "The database cannot be reached right now. Try again in a few seconds." });
    await sleep(5_000);
    expect(worker.exitCode).toBeNull();

    await startEmbeddedPostgres({ baseDir: stack.dataDir, port, unsafeFast: true });
    const restartedAt = Date.now();
    await until("the API to answer again", async () => (await client.request(`/tasks/${running}`)).status === 200, 60_000, 50);
    const webRecovery = Date.now() - restartedAt;
    const after = await submit({ video: face.url, audio: speech.url });
    const claimed = await until("the worker to start the new task", async () => (await stack.db.task.findUniqueOrThrow({ where: { id: after } })).startedAt ?? undefined, 60_000, 50);

    for (const id of [running, after]) expect((await waitForTask(client, id, 180_000)).status_name).toBe("succeed");
    const rows = await stack.db.task.findMany({ where: { id: { in: [running, after] } }, orderBy: { id: "asc" } });
    figure(
      `PostgreSQL down ${restartedAt - stoppedAt} ms (its start included); API answering ${webRecovery} ms after the restart; ` +
        `worker started a new task ${claimed.getTime() - restartedAt} ms after it; the task running during the outage succeeded on attempt ${rows[0].attempt}`,
    );
    expect(await stack.db.asset.count({ where: { id: { in: rows.map((row) => row.resultAssetId!) } } })).toBe(2);
    // The same worker process did it all: nothing was restarted.
    expect(currentWorker()).toBe(worker);
    expect(worker.exitCode).toBeNull();
  });
});

describe("a webhook receiver that is down", () => {
  it("gets every callback, in order, once it is back; after 30 minutes a callback is abandoned and the next one sent", async () => {
    const receiver = webhookReceiver(await freePort());
    const late = await submit({ video: `${loop.files}/status/404`, audio: speech.url, replyUrl: receiver.url });
    const lost = await submit({ video: `${loop.files}/status/404`, audio: speech.url, replyUrl: receiver.url });
    const firstOf = (taskId: number) => stack.db.webhookDelivery.findFirstOrThrow({ where: { taskId }, orderBy: { id: "asc" }, include: { tries: true } });

    // Real time: the first attempt and the retry 5 s later are refused.
    const tried = await until("two refused attempts", async () => {
      const delivery = await firstOf(late);
      return delivery.tries.length >= 2 && delivery;
    }, 30_000, 250);
    expect(tried.tries.map((attempt) => attempt.error)).toEqual(["Could not connect: ECONNREFUSED", "Could not connect: ECONNREFUSED"]);
    const gap = tried.tries[1].attemptedAt.getTime() - tried.tries[0].attemptedAt.getTime();
    expect(gap).toBeGreaterThanOrEqual(4_400);

    // Shortened time: the attempts are moved 20 minutes (one task) and 31 minutes (the other) into the past.
    const age = async (taskId: number, minutes: number) => {
      const { id } = await firstOf(taskId);
      await stack.db.$executeRaw`UPDATE "WebhookAttempt" SET "attemptedAt" = "attemptedAt" - make_interval(mins => ${minutes}) WHERE "deliveryId" = ${id}`;
      await stack.db.$executeRaw`UPDATE "WebhookDelivery" SET "nextAttempt" = now() WHERE id = ${id}`;
      return id;
    };
    await until("the other task's first attempt", async () => (await firstOf(lost)).tries.length >= 1, 30_000, 250);
    const lateId = await age(late, 20);
    const lostId = await age(lost, 31);
    const abandoned = await until("the 31-minute-old callback to be abandoned", async () => {
      const delivery = await stack.db.webhookDelivery.findUniqueOrThrow({ where: { id: lostId } });
      return delivery.abandonedAt !== null && delivery;
    }, 30_000, 250);
    expect(abandoned.deliveredAt).toBeNull();
    const retried = await until("a third refused attempt", async () => {
      const delivery = await stack.db.webhookDelivery.findUniqueOrThrow({ where: { id: lateId } });
      return delivery.attempts >= 3 && delivery;
    }, 30_000, 250);
    expect(retried.abandonedAt).toBeNull();
    // After 20 minutes of failures the next try is 20 s away (5 s doubled per failure): skip the wait.
    expect(retried.nextAttempt.getTime() - Date.now()).toBeGreaterThan(10_000);

    await receiver.start();
    await stack.db.$executeRaw`UPDATE "WebhookDelivery" SET "nextAttempt" = now() WHERE id = ${lateId}`;
    const delivered = await until("every callback of both tasks", async () => {
      const rows = await stack.db.webhookDelivery.findMany({ where: { taskId: { in: [late, lost] } } });
      return rows.length === 6 && rows.every((row) => row.deliveredAt || row.abandonedAt) && rows;
    }, 60_000, 250);
    await receiver.stop();

    expect(receiver.received.filter((hook) => hook.task === late).map((hook) => hook.event)).toEqual(["submitted", "processing", "failed"]);
    expect(receiver.received.filter((hook) => hook.task === lost).map((hook) => hook.event)).toEqual(["processing", "failed"]);
    expect(delivered.filter((row) => row.abandonedAt).map((row) => row.id)).toEqual([lostId]);
    const listing = await client.json<{ deliveries: Array<{ event: string; state: string; attempts: number }> }>(`/tasks/${late}/webhooks`);
    expect(listing.body.deliveries.map((d) => [d.event, d.state, d.attempts])).toEqual([
      ["submitted", "delivered", 4],
      ["processing", "delivered", 1],
      ["failed", "delivered", 1],
    ]);
    figure("webhook receiver down: 2 attempts refused in real time (5 s apart), the history then aged by 20 and 31 minutes; delivered in order after it came back, the 31-minute one abandoned");
  });
});

describe("a worker SIGKILLed while it sends a callback", () => {
  it("another worker sends it again after the 30 s lease, with the same delivery id, and the rest follow in order", async () => {
    const receiver = webhookReceiver(await freePort(), { hold: 1 });
    await receiver.start();
    const id = await submit({ video: `${loop.files}/status/404`, audio: speech.url, replyUrl: receiver.url });
    await until("the first callback to be in flight", async () => receiver.received.length === 1, 30_000, 50);
    await waitForTask(client, id, 30_000);
    const worker = currentWorker();
    worker.kill("SIGKILL");
    await new Promise((resolve) => worker.once("exit", resolve));
    await stack.startWorker();

    await until("the final callback", async () => receiver.received.some((hook) => hook.event === "failed"), 90_000, 250);
    await receiver.stop();
    const [first, again, ...rest] = receiver.received;
    expect([first.event, again.event, ...rest.map((hook) => hook.event)]).toEqual(["submitted", "submitted", "processing", "failed"]);
    expect(again.delivery).toBe(first.delivery);
    const resentAfter = again.at - first.at;
    expect(resentAfter).toBeGreaterThan(25_000);
    expect(resentAfter).toBeLessThan(45_000);
    figure(`worker killed while sending a callback: sent again ${(resentAfter / 1000).toFixed(1)} s later (same X-Lipsync-Delivery), the rest in order`);
  });
});

describe.skipIf(!MOUNTABLE)("storage that runs out of space (a 64 MB tmpfs, filled up)", () => {
  it("refuses uploads with 507, fails tasks with STORAGE_FULL, keeps no partial file, and works again once space is freed", async () => {
    // 8 KiB left: enough for ffmpeg to start the result file, not to finish it (it then exited 0
    // with a 4 KiB file, which was kept as the result, before the engine checked its output).
    const emptyDisk = disk!.fill(8 * 1024);
    expect(disk!.free()).toBe(8 * 1024);
    const assetsBefore = await stack.db.asset.count();
    const full = { error: "The server has no space left to store this request; nothing was kept. Try again later." };

    const uploaded = await client.json("/assets?fileName=speech.wav", { method: "POST", body: Uint8Array.from(speechBytes()) });
    expect(uploaded).toMatchObject({ status: 507, body: full });
    const form = new FormData();
    form.append("video", new Blob([Uint8Array.from(readFileSync(media.shortFace))]), "face.mp4");
    form.append("audio", speech.url);
    expect(await client.json("/videos/lipsync", { method: "POST", body: form })).toMatchObject({ status: 507, body: full });
    expect(await stack.db.asset.count()).toBe(assetsBefore);

    const storageFull = /^The server ran out of disk space while running the task; nothing was kept\. Submit it again later/;
    // The engine cannot write its result; a download cannot write the input.
    for (const body of [{ video: face.url, audio: speech.url }, { video: `${loop.files}/astronaut.mp4`, audio: speech.url }]) {
      const done = await waitForTask(client, await submit(body), 120_000);
      expect({ status: done.status, errorCode: done.errorCode }).toEqual({ status: 50, errorCode: "STORAGE_FULL" });
      expect(done.error).toMatch(storageFull);
    }
    await expectNoPartialFiles(stack.dataDir);

    emptyDisk();
    expect((await waitForTask(client, await submit({ video: face.url, audio: speech.url }), 120_000)).status_name).toBe("succeed");
    await expectNothingLeftBehind(stack);
  });
});

it("leaves the server up and nothing behind after all of it", async () => {
  await expectNothingLeftBehind(stack);
});
