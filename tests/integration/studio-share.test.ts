/**
 * The task page's server side and public share links over real HTTP (tests/integration/harness:
 * the web server, one worker, embedded PostgreSQL). One real job from URL inputs gives a finished
 * task (and shows the worker keeps downloaded inputs as the user's uploads); share links are
 * made with the lib functions the task page's server actions call.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShareLink } from "@/lib/studio/share/create-share-link";
import { newShareSlug } from "@/lib/studio/share/new-share-slug";
import { renewShareLink } from "@/lib/studio/share/renew-share-link";
import { revokeShareLink } from "@/lib/studio/share/revoke-share-link";
import { setShareOriginal } from "@/lib/studio/share/set-share-original";
import { apiClient, waitForTask } from "@/tests/api/helpers";
import { FIXTURE_SPEECH, FIXTURE_VIDEO } from "@/tests/helpers/media";
import { type Stack, type StackUser, signUp, startStack } from "@/tests/integration/harness";
import { type LoopbackServer, startLoopbackServer } from "@/tests/jobs/helpers/loopback-server";

const SLUG = /^[A-Za-z0-9_-]{22}$/;

let loop: LoopbackServer;
let stack: Stack;
let owner: StackUser;
let taskId: number;

beforeAll(async () => {
  loop = await startLoopbackServer();
  stack = await startStack({ workers: 1 });
  owner = await stack.createUser();
  const client = apiClient(stack.baseUrl, owner.token);
  const { status, body } = await client.postJson<{ task: { id: number } }>("/videos/lipsync", {
    video: `${loop.files}/astronaut.mp4`,
    audio: `${loop.files}/speech.wav`,
  });
  expect(status).toBe(200);
  taskId = body.task.id;
  expect((await waitForTask(client, taskId, 120_000)).status_name).toBe("succeed");
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await loop?.stop();
});

const get = (pathname: string, init?: RequestInit) => fetch(`${stack.baseUrl}${pathname}`, { redirect: "manual", ...init });
const status = async (pathname: string) => (await get(pathname)).status;

describe("a task from URL inputs", () => {
  it("keeps each downloaded input as an upload of the task's user, in storage", async () => {
    const task = await stack.db.task.findUniqueOrThrow({ where: { id: taskId } });
    const expected = [
      [task.videoAssetId, "astronaut.mp4", "video/mp4", FIXTURE_VIDEO],
      [task.audioAssetId, "speech.wav", "audio/wav", FIXTURE_SPEECH],
    ] as const;
    for (const [assetId, fileName, contentType, fixture] of expected) {
      expect(assetId).toMatch(SLUG);
      const asset = await stack.db.asset.findUniqueOrThrow({ where: { id: assetId! } });
      expect(asset).toMatchObject({ userId: owner.userId, kind: "upload", fileName, contentType, size: BigInt(statSync(fixture).size) });
      expect(existsSync(path.join(stack.dataDir, "storage", asset.storageKey))).toBe(true);
    }
  });
});

describe("share links", () => {
  it("makes 22-character base64url slugs, distinct over many", () => {
    const slugs = Array.from({ length: 2000 }, () => newShareSlug());
    for (const slug of slugs) expect(slug).toMatch(SLUG);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it("serves the result publicly with Open Graph tags and Range support, the original only when chosen", async () => {
    const share = await createShareLink(owner.userId, taskId);
    expect(share.slug).toMatch(SLUG);
    expect(share.url).toMatch(new RegExp(`/s/${share.slug}$`));
    expect((await createShareLink(owner.userId, taskId)).slug).toBe(share.slug);

    const page = await get(`/s/${share.slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<meta property="og:video" content="${stack.baseUrl}/s/${share.slug}/video"/>`);
    expect(html).toContain('<meta property="og:type" content="video.other"/>');
    expect(html).toContain(`<meta property="og:image" content="${stack.baseUrl}/s/${share.slug}/cover"/>`);
    expect(html).toContain('aria-label="Result video"');
    expect(html).not.toContain('aria-label="Original video"');

    const whole = await get(`/s/${share.slug}/video`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("video/mp4");
    expect(whole.headers.get("cache-control")).toContain("no-store");
    const size = (await whole.arrayBuffer()).byteLength;
    const part = await get(`/s/${share.slug}/video`, { headers: { Range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-type")).toBe("video/mp4");
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await get(`/s/${share.slug}/cover`)).headers.get("content-type")).toBe("image/jpeg");

    expect(await status(`/s/${share.slug}/original`)).toBe(404);
    expect((await setShareOriginal(owner.userId, taskId, true)).includeOriginal).toBe(true);
    const original = await get(`/s/${share.slug}/original`);
    expect(original.status).toBe(200);
    expect(original.headers.get("content-type")).toBe("video/mp4");
    expect(await (await get(`/s/${share.slug}`)).text()).toContain('aria-label="Original video"');
  });

  it("renews to a new slug (the old one is gone) and revokes (page and media are gone)", async () => {
    const before = await createShareLink(owner.userId, taskId);
    const renewed = await renewShareLink(owner.userId, taskId);
    expect(renewed.slug).toMatch(SLUG);
    expect(renewed.slug).not.toBe(before.slug);
    expect(renewed.includeOriginal).toBe(before.includeOriginal);
    for (const pathname of [`/s/${before.slug}`, `/s/${before.slug}/video`, `/s/${before.slug}/original`]) {
      expect(await status(pathname), pathname).toBe(404);
    }
    expect(await status(`/s/${renewed.slug}`)).toBe(200);

    await revokeShareLink(owner.userId, taskId);
    for (const pathname of [`/s/${renewed.slug}`, `/s/${renewed.slug}/video`, `/s/${renewed.slug}/cover`]) {
      expect(await status(pathname), pathname).toBe(404);
    }
    expect(await status("/s/not-a-slug")).toBe(404);
    expect(await status(`/s/${newShareSlug()}/video`)).toBe(404);
  });

  it("lets no one else share, renew, change or revoke the task's link", async () => {
    const share = await createShareLink(owner.userId, taskId);
    const stranger = await stack.createUser();
    const notFound = expect.objectContaining({ code: "not_found" });
    await expect(createShareLink(stranger.userId, taskId)).rejects.toEqual(notFound);
    await expect(renewShareLink(stranger.userId, taskId)).rejects.toEqual(notFound);
    await expect(setShareOriginal(stranger.userId, taskId, false)).rejects.toEqual(notFound);
    await expect(revokeShareLink(stranger.userId, taskId)).rejects.toEqual(notFound);
    expect(await status(`/s/${share.slug}/video`)).toBe(200);
  });
});

describe("the studio's task routes", () => {
  it("answer 401 without a session, 404 for another user's task, and the task to its owner", async () => {
    expect(await status(`/api/studio/tasks/${taskId}`)).toBe(401);

    // The first sign-up becomes the studio's owner; it owns none of the API user's tasks.
    const visitor = await signUp(stack.baseUrl, { email: "studio-owner@example.com" });
    expect(visitor.status).toBe(200);
    const asVisitor = { headers: { cookie: visitor.cookie } };
    expect((await get(`/api/studio/tasks/${taskId}`, asVisitor)).status).toBe(404);
    expect((await get(`/tasks/${taskId}`, asVisitor)).status).toBe(404);
    expect((await get(`/api/studio/tasks/${taskId}/download`, asVisitor)).status).toBe(404);

    // Their own task (a row only: no job, so it stays queued).
    const account = await stack.db.account.findFirstOrThrow({ where: { userId: visitor.userId } });
    const own = await stack.db.task.create({
      data: { userId: visitor.userId, accountId: account.id, videoUrl: `${loop.files}/astronaut.mp4`, audioUrl: `${loop.files}/speech.wav` },
    });
    const response = await get(`/api/studio/tasks/${own.id}`, asVisitor);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ task: { id: own.id, status: "submitted", videoName: "astronaut.mp4" } });
    const page = await get(`/tasks/${own.id}`, asVisitor);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`>Task ${own.id}</h1>`);

    // The owner's download, by token: the result as an attachment.
    const download = await get(`/api/studio/tasks/${taskId}/download`, { headers: { Authorization: `Bearer ${owner.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename*=UTF-8''lipsync-${taskId}.mp4`);
  });
});
