/**
 * Previews of uploaded and downloaded videos, through the whole stack (the web server, a worker,
 * embedded PostgreSQL): an HEVC video (which Chromium cannot play) gets an H.264 copy of at most
 * 480p and a 16:9 poster centred on the face, both served to their owner only; a broken video's
 * preview fails instead of staying pending.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectFaces } from "@/lib/lipsync/face/detect-faces";
import { decodeFrames } from "@/lib/lipsync/media/decode-frames";
import { apiClient, type ApiClient } from "@/tests/api/helpers";
import { ffmpeg, FIXTURE_SPEECH, FIXTURE_VIDEO, probeStreams } from "@/tests/helpers/media";
import { type Stack, startStack, tempDir } from "@/tests/integration/harness";
import { type LoopbackServer, startLoopbackServer } from "./helpers/loopback-server";

let stack: Stack;
let loop: LoopbackServer;
let client: ApiClient;
let stranger: ApiClient;
const scratch = tempDir("lipsync-previews-");
/** 320x960 HEVC: the astronaut's face at the top, black below (a portrait phone shot's layout). */
const portraitHevc = path.join(scratch, "portrait-hevc.mp4");

beforeAll(async () => {
  await ffmpeg(
    "-i", FIXTURE_VIDEO, "-t", "3", "-vf", "pad=320:960:0:0:black",
    "-c:v", "libx265", "-preset", "ultrafast", "-tag:v", "hvc1", "-x265-params", "log-level=error",
    "-c:a", "aac", portraitHevc,
  );
  loop = await startLoopbackServer();
  loop.serve.set("/portrait-hevc.mp4", portraitHevc);
  stack = await startStack({ workers: 1 });
  client = apiClient(stack.baseUrl, (await stack.createUser("previews@example.com")).token);
  stranger = apiClient(stack.baseUrl, (await stack.createUser("stranger@example.com")).token);
}, 900_000);

afterAll(async () => {
  await stack?.stop();
  await loop?.stop();
  await rm(scratch, { recursive: true, force: true });
});

async function previewStatus(assetId: string, timeoutMs = 120_000): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const asset = await stack.db.asset.findUniqueOrThrow({ where: { id: assetId } });
    if (asset.previewStatus !== "pending" || Date.now() > deadline) return asset.previewStatus;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** GET of a studio path (not under /v1/kling) with the client's token. */
const studioGet = (api: ApiClient, url: string) => fetch(`${api.baseUrl}${url}`, { headers: { Authorization: `Bearer ${api.token}` } });

async function download(api: ApiClient, url: string, file: string): Promise<string> {
  const response = await studioGet(api, url);
  expect(response.status, await response.clone().text()).toBe(200);
  const target = path.join(scratch, file);
  await writeFile(target, Buffer.from(await response.arrayBuffer()));
  return target;
}

/** Faces the engine's detector finds in an image file (decoded at its own size). */
async function facesIn(image: string, width: number, height: number): Promise<number> {
  for await (const frame of decodeFrames(image, { width, height, pixelFormat: "rgb24" })) {
    return (await detectFaces(frame, width, height)).length;
  }
  return 0;
}

describe("video previews", () => {
  it("makes an H.264 preview and a face-centred poster of an uploaded HEVC video, for its owner only", async () => {
    expect((await probeStreams(portraitHevc)).video?.codec).toBe("hevc");
    const asset = await client.upload(await readFile(portraitHevc), "portrait.mp4");
    expect(await previewStatus(asset.assetId)).toBe("ready");

    const preview = await probeStreams(await download(client, `/api/studio/assets/${asset.assetId}/preview`, "preview.mp4"));
    expect(preview.video).toMatchObject({ codec: "h264", pixelFormat: "yuv420p" });
    expect(Math.max(preview.video!.width!, preview.video!.height!)).toBeLessThanOrEqual(854);
    expect(Math.min(preview.video!.width!, preview.video!.height!)).toBeLessThanOrEqual(480);
    expect(preview.video!.height! / preview.video!.width!).toBeCloseTo(3, 1);
    expect(preview.audio?.codec).toBe("aac");
    expect(preview.video!.duration).toBeCloseTo(3, 0);

    const poster = await download(client, `/api/studio/assets/${asset.assetId}/poster`, "poster.jpg");
    const posterFacts = (await probeStreams(poster)).video!;
    expect(posterFacts.width! / posterFacts.height!).toBeCloseTo(16 / 9, 1);
    expect(await facesIn(poster, posterFacts.width!, posterFacts.height!)).toBeGreaterThan(0);
    // The middle of the frame, what a plain centre crop shows, has no face: the poster was moved to it.
    const middle = path.join(scratch, "middle.jpg");
    await ffmpeg("-ss", "0.75", "-i", portraitHevc, "-frames:v", "1", "-vf", "crop=320:180:0:390", middle);
    expect(await facesIn(middle, 320, 180)).toBe(0);

    for (const variant of ["preview", "poster"]) {
      expect((await studioGet(stranger, `/api/studio/assets/${asset.assetId}/${variant}`)).status).toBe(404);
    }
    expect((await studioGet(client, `/api/studio/assets/${asset.assetId}/thumbnail`)).status).toBe(404);
  });

  it("makes no preview of audio, and fails the preview of a video ffmpeg cannot decode or no task could use", async () => {
    const speech = await client.upload(await readFile(FIXTURE_SPEECH), "speech.wav");
    expect(await previewStatus(speech.assetId)).toBeNull();

    // An MP4 header the sniffer accepts, then garbage.
    const broken = Buffer.concat([Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex"), Buffer.alloc(20_000, 7)]);
    const asset = await client.upload(broken, "broken.mp4");
    expect(await previewStatus(asset.assetId)).toBe("failed");
    const response = await studioGet(client, `/api/studio/assets/${asset.assetId}/preview`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: expect.stringMatching(/preview of broken\.mp4 is not available/) });

    // Longer than LIPSYNC_MAX_DURATION_SECONDS (60): not converted, as no task may use it.
    const long = path.join(scratch, "long.mp4");
    await ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x64:rate=2", "-t", "61", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", long);
    const tooLong = await client.upload(await readFile(long), "long.mp4");
    expect(await previewStatus(tooLong.assetId, 30_000)).toBe("failed");
  });

  it("makes the preview of a video a task downloaded from its URL", async () => {
    const { status, body } = await client.postJson<{ task: { id: number } }>("/videos/lipsync", {
      video: `${loop.files}/portrait-hevc.mp4`,
      audio: `${loop.files}/speech.wav`,
    });
    expect(status, JSON.stringify(body)).toBe(200);
    const deadline = Date.now() + 120_000;
    let videoAssetId: string | null = null;
    while (!videoAssetId && Date.now() < deadline) {
      videoAssetId = (await stack.db.task.findUniqueOrThrow({ where: { id: body.task.id } })).videoAssetId;
      if (!videoAssetId) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(videoAssetId).toBeTruthy();
    expect(await previewStatus(videoAssetId!)).toBe("ready");
  });
});
