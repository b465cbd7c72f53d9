/**
 * Links that work from other machines and for drop-in useapi.net clients: results, covers and
 * cdnUrl are signed capability URLs that download without a token (as useapi.net's example
 * client github.com/useapi/kling-api does: a plain fetch(url)); tampered, expired, revoked and
 * deleted ones are refused; our own asset URLs are recognised on any name of this server; links
 * follow the request's host.
 */
import { request as httpRequest } from "node:http";
import { hostname } from "node:os";
import { Readable } from "node:stream";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type ApiClient, apiClient, type TaskModel, speechBytes, videoBytes, waitForTask } from "@/tests/api/helpers";
import { startStack, type Stack, type StackUser } from "./harness";

// The same secret and lifetime as the stack's, so this process can sign a URL that expired an hour ago.
const AUTH_SECRET = vi.hoisted(() => {
  process.env.AUTH_SECRET = "capability-links-test-secret-0123456789abcdef";
  process.env.SIGNED_URL_TTL_SECONDS = "600";
  return process.env.AUTH_SECRET;
});

let stack: Stack;
let user: StackUser;
let client: ApiClient;
let port: number;
let taskId: number;
const scratch = mkdtempSync(path.join(tmpdir(), "capability-links-"));

/** What useapi.net's example client does once a task is final: cdnUrl, else works[0].resource.resource, then fetch(url). */
async function downloadLikeUseapiClient(id: number, email: string): Promise<{ status: number; file?: string; body?: unknown }> {
  const headers = { Accept: "application/json", Authorization: `Bearer ${user.token}` };
  const task = (await (await fetch(`${stack.baseUrl}/v1/kling/tasks/${id}?email=${encodeURIComponent(email)}`, { headers })).json()) as TaskModel;
  const work = task.works?.[0];
  const download = await fetch(`${stack.baseUrl}/v1/kling/assets/download?email=${encodeURIComponent(email)}&workIds=${work.workId}&fileTypes=MP4`, { headers });
  const url = download.ok ? ((await download.json()) as { cdnUrl?: string }).cdnUrl ?? work.resource.resource : work.resource.resource;
  const response = await fetch(url);
  if (!response.ok) return { status: response.status, body: await response.json() };
  const file = path.join(scratch, `kling_lipsync_${id}.mp4`);
  await writeFile(file, Readable.fromWeb(response.body! as import("node:stream/web").ReadableStream));
  return { status: response.status, file };
}

/** GET with a Host header of our choice (fetch does not let one set it). */
function getWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { Host: host, ...headers } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  // Private addresses refused: a URL of ours that was not recognised would be refused, never fetched.
  stack = await startStack({ env: { ALLOW_PRIVATE_URLS: "0", AUTH_SECRET, SIGNED_URL_TTL_SECONDS: process.env.SIGNED_URL_TTL_SECONDS! } });
  port = Number(new URL(stack.baseUrl).port);
  user = await stack.createUser(`links-${Date.now()}@example.com`);
  client = apiClient(stack.baseUrl, user.token);
}, 900_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("our own asset URLs on other names of this server", () => {
  it("are recognised by path (localhost, the machine's name) and never fetched; another host's are refused", async () => {
    const video = await client.upload(videoBytes(), "talk.mp4");
    const audio = await client.upload(speechBytes(), "speech.wav");
    const asLocalhost = video.url.replace("127.0.0.1", "localhost");
    const asHostName = audio.url.replace("127.0.0.1", hostname());
    const submitted = await client.postJson<TaskModel>("/videos/lipsync", { video: asLocalhost, audio: asHostName });
    expect(submitted.status).toBe(200);
    taskId = submitted.body.task.id;
    const row = await stack.db.task.findUniqueOrThrow({ where: { id: taskId } });
    expect([row.videoAssetId, row.audioAssetId]).toEqual([video.assetId, audio.assetId]);

    // Same path, another port or an address that is not this machine's: an outside URL, refused as private.
    for (const other of [video.url.replace(`:${port}`, ":9"), video.url.replace("127.0.0.1", "10.255.255.1")]) {
      const refused = await client.postJson<{ error: string }>("/videos/lipsync", { video: other, audio: audio.url });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatch(/^Parameter video is refused: /);
    }
  });
});

describe("absolute links follow the request's host", () => {
  it("uses the Host the request came to, and ignores X-Forwarded-Host without TRUST_PROXY", async () => {
    const lanName = `studio.lan:${port}`;
    const model = await getWithHost(`${stack.baseUrl}/v1/openapi.json`, lanName, { "X-Forwarded-Host": "evil.example" });
    expect(JSON.parse(model.body).servers).toEqual([{ url: `http://${lanName}/v1/kling` }]);
    const hostile = await getWithHost(`${stack.baseUrl}/v1/openapi.json`, "bad host\"<>");
    expect([400, 200]).toContain(hostile.status);
    if (hostile.status === 200) expect(hostile.body).not.toContain("<>");
  });
});

describe("signed result URLs", () => {
  let done: TaskModel;

  beforeAll(async () => {
    done = await waitForTask(client, taskId, 400_000);
    expect(done.status_name).toBe("succeed");
  }, 420_000);

  it("download without a token, exactly as useapi.net's example client does", async () => {
    const result = await downloadLikeUseapiClient(taskId, user.email);
    expect(result.status).toBe(200);
    const bytes = readFileSync(result.file!);
    expect(bytes.subarray(4, 8).toString("latin1")).toBe("ftyp");
    const plain = new URL(done.works[0].resource.resource);
    const owner = await client.request(plain.pathname);
    expect(owner.status).toBe(200);
    expect(Buffer.from(await owner.arrayBuffer()).equals(bytes)).toBe(true);

    const cover = await fetch(done.works[0].cover!.resource);
    expect([cover.status, cover.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
    const ranged = await fetch(done.works[0].resource.resource, { headers: { Range: "bytes=0-15" } });
    expect(ranged.status).toBe(206);
  });

  it("are signed afresh in every answer, and the plain URL still needs the owner's token", async () => {
    const url = new URL(done.works[0].resource.resource);
    expect(url.searchParams.get("task")).toBe(String(taskId));
    const expires = Number(url.searchParams.get("expires"));
    expect(expires * 1000).toBeGreaterThan(Date.now() + 500_000);
    expect(expires * 1000).toBeLessThanOrEqual(Date.now() + 600_000);
    expect(url.searchParams.get("signature")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await client.json<TaskModel>(`/tasks/${taskId}`);
    expect(new URL(again.body.works[0].resource.resource).searchParams.get("expires")).not.toBe(String(expires));
    expect((await fetch(`${url.origin}${url.pathname}`)).status).toBe(401);
  });

  it("refuse tampered links with 403 and expired ones with 410, in the Kling error shape", async () => {
    const url = new URL(done.works[0].resource.resource);
    const tampered = (name: string, value: string) => {
      const copy = new URL(url);
      copy.searchParams.set(name, value);
      return copy.toString();
    };
    const signature = url.searchParams.get("signature")!;
    const flipped = `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    for (const bad of [
      tampered("signature", flipped),
      tampered("expires", String(Number(url.searchParams.get("expires")) + 3600)),
      tampered("signature", "short"),
      done.works[0].cover!.resource.replace(/\/[^/?]+\/lipsync-\d+\.jpg/, url.pathname.replace("/v1/kling/assets", "")),
    ]) {
      const response = await fetch(bad);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/^This download link is invalid/) });
    }

    const { signAssetUrl } = await import("@/lib/api/assets/sign-asset-url");
    const [, , , , assetId, fileName] = url.pathname.split("/");
    const expired = signAssetUrl(stack.baseUrl, { assetId, fileName, taskId, linkVersion: 0 }, Date.now() - 600_000 - 3_600_000);
    const response = await fetch(expired);
    expect(response.status).toBe(410);
    expect(((await response.json()) as { error: string }).error).toMatch(/expired at .*GET \/v1\/kling\/tasks\/\{task_id\} again/);
  });

  it("die when the task's share link is revoked (410), and fresh ones work", async () => {
    const { createShareLink } = await import("@/lib/studio/share/create-share-link");
    const { revokeShareLink } = await import("@/lib/studio/share/revoke-share-link");
    const before = (await client.json<TaskModel>(`/tasks/${taskId}`)).body.works[0].resource.resource;
    await createShareLink(user.userId, taskId);
    await revokeShareLink(user.userId, taskId);
    const revoked = await fetch(before);
    expect(revoked.status).toBe(410);
    expect(((await revoked.json()) as { error: string }).error).toMatch(/revoked/);
    const fresh = (await client.json<TaskModel>(`/tasks/${taskId}`)).body.works[0].resource.resource;
    expect((await fetch(fresh)).status).toBe(200);
  });

  it("die when the task is deleted", async () => {
    const signed = (await client.json<TaskModel>(`/tasks/${taskId}`)).body.works[0].resource.resource;
    expect((await client.request(`/tasks/${taskId}`, { method: "DELETE" })).status).toBe(204);
    const response = await fetch(signed);
    expect(response.status).toBe(404);
  });
});
