/**
 * A whole stack on S3 storage (STORAGE=s3 against s3rver, S3_PRESIGNED_DOWNLOADS=1): uploads land
 * in the bucket and nothing in DATA_DIR/storage, the worker fetches inputs from the bucket and puts
 * the result back, downloads and share links redirect to presigned URLs that answer ranges,
 * deleting a task deletes its objects, and a worker's orphan sweep works on the bucket.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, utimesSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShareLink } from "@/lib/studio/share/create-share-link";
import { S3Storage } from "@/lib/storage/s3-storage";
import { type ApiClient, apiClient, FIXTURE_SPEECH, FIXTURE_VIDEO, type TaskModel, waitForTask } from "@/tests/api/helpers";
import { type S3Server, type Stack, type StackUser, startS3Server, startStack } from "@/tests/integration/harness";

let s3: S3Server;
let stack: Stack;
let bucket: S3Storage;
let owner: StackUser;
let client: ApiClient;
let task: TaskModel;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function objectBytes(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of bucket.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  s3 = await startS3Server();
  stack = await startStack({ workers: 1, env: { ...s3.env, S3_PRESIGNED_DOWNLOADS: "1", S3_PRESIGNED_EXPIRES_SECONDS: "120" } });
  bucket = new S3Storage({
    bucket: s3.bucket,
    client: { endpoint: s3.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } },
  });
  owner = await stack.createUser();
  client = apiClient(stack.baseUrl, owner.token);
  const video = await client.upload(readFileSync(FIXTURE_VIDEO), "astronaut.mp4");
  const audio = await client.upload(readFileSync(FIXTURE_SPEECH), "speech.wav");
  const { status, body } = await client.postJson<TaskModel>("/videos/lipsync", { video: video.url, audio: audio.url });
  expect(status).toBe(200);
  task = await waitForTask(client, body.task.id, 180_000);
  expect(task.status_name).toBe("succeed");
}, 900_000);

afterAll(async () => {
  await stack?.stop();
  await s3?.stop();
});

describe("STORAGE=s3", () => {
  it("keeps uploads, results and covers in the bucket, one object per asset row, nothing on the local disk", async () => {
    const rows = await stack.db.asset.findMany({ where: { userId: owner.userId }, select: { storageKey: true, size: true, kind: true } });
    expect(rows.map((row) => row.kind).sort()).toEqual(["cover", "result", "upload", "upload"]);
    const objects = await bucket.list("assets/");
    expect(objects.map((item) => item.key).sort()).toEqual(rows.map((row) => row.storageKey).sort());
    for (const row of rows) expect((await bucket.stat(row.storageKey))?.size).toBe(Number(row.size));
    expect(existsSync(path.join(stack.dataDir, "storage", "assets"))).toBe(false);
    const upload = rows.find((row) => row.kind === "upload" && Number(row.size) === readFileSync(FIXTURE_VIDEO).length)!;
    expect(sha256(await objectBytes(upload.storageKey))).toBe(sha256(readFileSync(FIXTURE_VIDEO)));
  });

  it("answers a result download with a no-store redirect to a presigned URL that serves ranges", async () => {
    const resultUrl = task.works[0].resource.resource;
    const answer = await fetch(resultUrl, { headers: { Authorization: `Bearer ${owner.token}` }, redirect: "manual" });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    const location = answer.headers.get("location")!;
    expect(location.startsWith(`${s3.endpoint}/${s3.bucket}/assets/`)).toBe(true);
    expect(new URL(location).searchParams.get("X-Amz-Expires")).toBe("120");

    const result = await stack.db.asset.findFirstOrThrow({ where: { userId: owner.userId, kind: "result" } });
    const whole = await objectBytes(result.storageKey);
    const part = await fetch(location, { headers: { Range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-type")).toBe("video/mp4");
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(100, 200))).toBe(true);
    // Another user's request never reaches the bucket.
    const stranger = await stack.createUser();
    expect((await fetch(resultUrl, { headers: { Authorization: `Bearer ${stranger.token}` }, redirect: "manual" })).status).toBe(404);
  });

  it("serves share pages and their media the same way", async () => {
    const share = await createShareLink(owner.userId, task.task.id);
    const page = await fetch(`${stack.baseUrl}/s/${share.slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<meta property="og:video" content="${stack.baseUrl}/s/${share.slug}/video"/>`);
    const video = await fetch(`${stack.baseUrl}/s/${share.slug}/video`, { redirect: "manual" });
    expect(video.status).toBe(302);
    const followed = await fetch(`${stack.baseUrl}/s/${share.slug}/video`);
    expect(followed.status).toBe(200);
    expect(followed.headers.get("content-type")).toBe("video/mp4");
    const cover = await fetch(`${stack.baseUrl}/s/${share.slug}/cover`);
    expect(cover.headers.get("content-type")).toBe("image/jpeg");
    expect((await cover.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it("deletes a task's result and cover objects with the task", async () => {
    const before = await stack.db.task.findUniqueOrThrow({ where: { id: task.task.id } });
    const assets = await stack.db.asset.findMany({ where: { id: { in: [before.resultAssetId!, before.coverAssetId!] } } });
    expect(assets).toHaveLength(2);
    for (const asset of assets) expect(await bucket.stat(asset.storageKey)).not.toBeNull();
    expect((await client.request(`/tasks/${task.task.id}`, { method: "DELETE" })).status).toBe(204);
    for (const asset of assets) expect(await bucket.stat(asset.storageKey)).toBeNull();
  });

  it("a starting worker removes old objects without an asset row from the bucket, and keeps young ones", async () => {
    await bucket.put("assets/OrphanLeftByAKilledPrc", Readable.from([Buffer.from("bytes")]));
    await bucket.put("assets/FreshFileAwaitingItsRo", Readable.from([Buffer.from("bytes")]));
    // s3rver takes Last-Modified from its file's time.
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(path.join(s3.directory, s3.bucket, "assets", "OrphanLeftByAKilledPrc._S3rver_object"), twoHoursAgo, twoHoursAgo);
    expect((await bucket.stat("assets/OrphanLeftByAKilledPrc"))?.modifiedAt.getTime()).toBeLessThan(Date.now() - 3600_000);

    await stack.startWorker();
    await expect.poll(() => bucket.stat("assets/OrphanLeftByAKilledPrc"), { timeout: 30_000 }).toBeNull();
    expect(await bucket.stat("assets/FreshFileAwaitingItsRo")).not.toBeNull();
    const uploads = await stack.db.asset.findMany({ where: { userId: owner.userId } });
    for (const row of uploads) expect(await bucket.stat(row.storageKey)).not.toBeNull();
  });
});
