/**
 * What every reliability test checks once its cases ran: the server still answers, every task
 * reached a final state, and nothing is left behind on disk or in the database.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import type { Stack } from "@/tests/integration/harness";

const list = async (dir: string) => (existsSync(dir) ? (await readdir(dir)).sort() : []);

/** The server answers an API request within 5 s. */
export async function expectServerUp(stack: Stack): Promise<void> {
  const response = await fetch(`${stack.baseUrl}/v1/openapi.json`, { signal: AbortSignal.timeout(5_000) });
  expect(response.status).toBe(200);
}

/** No partial upload or download under storage/.partial (they are deleted as soon as a write fails). */
export async function expectNoPartialFiles(dataDir: string): Promise<void> {
  await expect.poll(() => list(path.join(dataDir, "storage", ".partial")), { timeout: 5_000 }).toEqual([]);
}

/**
 * Waits until no task is submitted or processing and (with a worker running) no video preview is pending, then checks: no
 * work folder left, no partial file, every file in storage/assets has its Asset row and every row
 * its file, every preview in storage/previews belongs to a video whose preview is ready, and
 * `tmpDir` (the stack's TMPDIR, when the test set one) holds nothing but tsx's compile cache.
 */
export async function expectNothingLeftBehind(stack: Stack, options: { tmpDir?: string; settleMs?: number } = {}): Promise<void> {
  await expectServerUp(stack);
  await expect
    .poll(() => stack.db.task.findMany({ where: { status: { in: [5, 10] } }, select: { id: true, status: true } }), {
      timeout: options.settleMs ?? 120_000,
      interval: 500,
    })
    .toEqual([]);
  // Previews are made by workers: a stack without a running one keeps them queued.
  if (stack.workers.some((worker) => worker.exitCode === null && worker.signalCode === null)) {
    await expect
      .poll(() => stack.db.asset.count({ where: { previewStatus: "pending" } }), { timeout: options.settleMs ?? 120_000, interval: 500 })
      .toBe(0);
  }
  // A worker deletes a task's work folder just after writing its final state.
  await expect.poll(() => list(path.join(stack.dataDir, "work")), { timeout: 10_000 }).toEqual([]);
  await expectNoPartialFiles(stack.dataDir);
  const files = await list(path.join(stack.dataDir, "storage", "assets"));
  const rows = await stack.db.asset.findMany({ select: { storageKey: true } });
  expect(files).toEqual(rows.map((row) => path.basename(row.storageKey)).sort());
  const ready = await stack.db.asset.findMany({ where: { previewStatus: "ready" }, select: { id: true } });
  const previews = await list(path.join(stack.dataDir, "storage", "previews"));
  expect(previews).toEqual(ready.flatMap((asset) => [`${asset.id}.jpg`, `${asset.id}.mp4`]).sort());
  if (options.tmpDir) expect((await list(options.tmpDir)).filter((name) => !name.startsWith("tsx-"))).toEqual([]);
}
