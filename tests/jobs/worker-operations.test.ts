/**
 * A worker's operations over real processes: SIGTERM with a grace period (the running task
 * finishes; one that outlasts the grace goes back to the queue and another worker finishes it),
 * its own metrics port, and draining many tasks that fail at once.
 */
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ffmpeg, FIXTURE_VIDEO } from "../helpers/media";
import { freePort } from "../integration/harness/free-port";
import { type JobStack, startJobStack, waitFor } from "./helpers/job-stack";
import { finalTask, newAccount, submitTask, taskRow } from "./helpers/tasks";

let stack: JobStack;
let prisma: typeof import("@/lib/db").prisma;

beforeAll(async () => {
  stack = await startJobStack();
  ({ prisma } = await import("@/lib/db"));
  // A three times longer clip, for runs long enough to stop in the middle.
  const long = path.join(stack.dir, "long.mp4");
  await ffmpeg("-stream_loop", "2", "-i", FIXTURE_VIDEO, "-an", "-c:v", "libx264", "-preset", "ultrafast", long);
  stack.serve.set("/long.mp4", long);
}, 120_000);

afterEach(async () => {
  await stack?.stopWorkers();
});

afterAll(async () => {
  await stack?.stop();
});

const task = taskRow;
const running = (id: number) => waitFor(async () => (await task(id)).progress >= 5, 120_000, `task ${id} to run`, 50);

describe("SIGTERM", () => {
  it("lets the running task finish within SHUTDOWN_GRACE_SECONDS and takes no new task meanwhile", async () => {
    const worker = await stack.startWorker({ SHUTDOWN_GRACE_SECONDS: "300", WORKER_STALE_SECONDS: "3600" });
    const owner = await newAccount(5);
    const first = await submitTask(stack, owner, { video: `${stack.files}/long.mp4` });
    await running(first.id);
    const exited = new Promise((resolve) => worker.child.once("exit", resolve));
    worker.child.kill("SIGTERM"); // once: a second signal would hand the task back at once
    await worker.waitForOutput("running task(s) get 300 s to finish");
    const second = await submitTask(stack, owner);
    await exited;
    expect(worker.child.exitCode).toBe(0);
    expect(await task(first.id)).toMatchObject({ status: 99, attempt: 1 });
    expect(await task(second.id)).toMatchObject({ status: 5, attempt: 0 });
    expect(worker.output()).not.toContain("handed back");
    await prisma.task.update({ where: { id: second.id }, data: { status: 50 } }); // out of the next tests' way
  });

  it("hands a task that outlasts the grace period back at once; another worker finishes it", async () => {
    // Staleness would take an hour: only the hand-back can move the task to the other worker.
    const leaving = await stack.startWorker({ SHUTDOWN_GRACE_SECONDS: "1", WORKER_STALE_SECONDS: "3600" });
    const owner = await newAccount();
    const submitted = await submitTask(stack, owner, { video: `${stack.files}/long.mp4` });
    await running(submitted.id);
    const staying = await stack.startWorker({ WORKER_STALE_SECONDS: "3600" });
    const signalled = Date.now();
    await leaving.stop("SIGTERM");
    expect(leaving.child.exitCode).toBe(0);
    expect(leaving.output()).toMatch(/1 running task\(s\) handed back to the queue \(grace period over\)/);
    expect(leaving.output()).toMatch(new RegExp(`"taskId":${submitted.id},[^\\n]*handed back to the queue`));
    const retaken = await waitFor(async () => ((await task(submitted.id)).attempt === 2 ? Date.now() : undefined), 60_000, "the task to be taken again", 50);
    console.log(`handed back and started again ${retaken - signalled} ms after SIGTERM (grace 1 s)`);
    expect(await finalTask(submitted.id, 300_000)).toMatchObject({ status: 99, attempt: 2 });
    expect(staying.output()).toMatch(new RegExp(`"taskId":${submitted.id},[^\\n]*attempt 2 started`));
  });
});

describe("worker metrics", () => {
  it("serves its own /metrics behind METRICS_TOKEN, counting task durations, engine fps and failed callbacks", async () => {
    const port = await freePort();
    const token = "worker-metrics-token-0123";
    await stack.startWorker({ WORKER_METRICS_PORT: String(port), METRICS_TOKEN: token });
    const scrape = (headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${port}/metrics`, { headers });
    expect((await scrape()).status).toBe(401);
    const empty = await (await scrape({ Authorization: `Bearer ${token}` })).text();
    for (const name of ["lipsync_task_duration_seconds", "lipsync_engine_fps", "lipsync_webhook_delivery_failures_total", "process_cpu_seconds_total"]) {
      expect(empty).toContain(`# TYPE ${name} `);
    }

    stack.hookResponses.push(500); // the first callback fails once, then is retried
    const owner = await newAccount();
    const good = await submitTask(stack, owner, { hook: true });
    const bad = await submitTask(stack, owner, { video: `${stack.files}/status/404` });
    expect(await finalTask(good.id, 300_000)).toMatchObject({ status: 99 });
    expect(await finalTask(bad.id)).toMatchObject({ status: 50, errorCode: "INPUT_DOWNLOAD_FAILED" });
    const text = await waitFor(async () => {
      const body = await (await scrape({ Authorization: `Bearer ${token}` })).text();
      return /lipsync_webhook_delivery_failures_total\{final="false"\} [1-9]/.test(body) ? body : undefined;
    }, 30_000, "the failed callback to be counted");
    const value = (series: string) => Number(text.split("\n").find((line) => line.startsWith(`${series} `))?.slice(series.length + 1));
    expect(value('lipsync_task_duration_seconds_count{outcome="succeeded"}')).toBe(1);
    expect(value('lipsync_task_duration_seconds_count{outcome="failed"}')).toBe(1);
    expect(value("lipsync_engine_fps_count")).toBe(1);
    expect(value("lipsync_engine_fps_sum")).toBeGreaterThan(0);
  });
});

describe("draining tasks that fail at once", () => {
  it("is not held to one job a second per worker slot", async () => {
    const owner = await newAccount(50);
    const count = 30;
    const ids: number[] = [];
    for (let i = 0; i < count; i++) ids.push((await submitTask(stack, owner, { video: `${stack.files}/status/404` })).id);
    const started = Date.now();
    await stack.startWorker({ WORKER_CONCURRENCY: "1" });
    const rows = await waitFor(async () => {
      const done = await prisma.task.findMany({ where: { id: { in: ids }, status: 50 }, orderBy: { finishedAt: "asc" } });
      return done.length === count ? done : undefined;
    }, 120_000, "every task to fail", 200);
    expect(rows.every((row) => row.errorCode === "INPUT_DOWNLOAD_FAILED")).toBe(true);
    const span = rows[count - 1].finishedAt!.getTime() - rows[0].finishedAt!.getTime();
    console.log(`${count} failing tasks drained by one worker slot: ${span} ms from the first end to the last (${Date.now() - started} ms with the start)`);
    // One job a second per slot (pg-boss's polling) cannot end 30 tasks in under 29 s.
    expect(span).toBeLessThan((count - 1) * 1000 * 0.6);
  });
});
