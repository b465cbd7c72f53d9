/**
 * `npm run check:useapi`: one real lip-sync task on Kling through useapi.net, end to end with the
 * same client and media preparation the worker uses (tests/fixtures/astronaut.mp4 + speech.wav):
 * check the token and Kling email, trim and upload the inputs, submit, poll, download the result.
 * Runs only when USEAPI_TOKEN and USEAPI_EMAIL (the Kling account email at useapi.net) are set;
 * it spends one Kling lip sync of that account.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { loadEnv } from "./load-env";

async function main(): Promise<number> {
  const token = process.env.USEAPI_TOKEN?.trim();
  const email = process.env.USEAPI_EMAIL?.trim();
  if (!token || !email) {
    console.log("check:useapi skipped: set USEAPI_TOKEN (your useapi.net API token) and USEAPI_EMAIL (the Kling account email configured at useapi.net) to run one real task.");
    return 0;
  }
  const env = await loadEnv();
  if (!env) return 1;
  const { verifyUseapiAccount } = await import("../useapi/verify-useapi-account");
  const { prepareUpstreamMedia } = await import("../jobs/useapi/prepare-upstream-media");
  const { uploadKlingAsset } = await import("../useapi/upload-kling-asset");
  const { submitKlingLipsync } = await import("../useapi/submit-kling-lipsync");
  const { getKlingTask } = await import("../useapi/get-kling-task");
  const { safeDownload } = await import("../net/safe-download");
  const { probeMedia } = await import("../lipsync/media/probe");
  const conn = { token, email };
  const started = Date.now();
  const step = (text: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${text}`);
  const work = await mkdtemp(path.join(os.tmpdir(), "check-useapi-"));
  try {
    step(`${env.USEAPI_BASE_URL}: ${await verifyUseapiAccount(token, email)}`);
    const fixtures = path.resolve("tests/fixtures");
    const media = await prepareUpstreamMedia(path.join(fixtures, "astronaut.mp4"), path.join(fixtures, "speech.wav"), work, AbortSignal.timeout(60_000));
    const video = await uploadKlingAsset(conn, media.video.bytes, media.video.contentType);
    const audio = await uploadKlingAsset(conn, media.audio.bytes, media.audio.contentType);
    step(`uploaded the video (${media.video.bytes.length} bytes) and the speech trimmed to ${media.duration.toFixed(2)} s`);
    const id = await submitKlingLipsync(conn, { video, audio, maxJobs: 1, replyRef: `check-useapi-${Date.now()}` });
    step(`submitted: Kling task ${id}`);
    for (let polls = 0; ; polls++) {
      const model = await getKlingTask(conn, id);
      step(`status ${model.status_name ?? model.status}`);
      if (model.status_final) {
        const url = model.works?.[0]?.resource?.resource;
        if (model.status_name !== "succeed" || !url) throw new Error(`the task ended ${model.status_name}: ${model.error ?? model.message ?? "no text"}`);
        const file = path.join(work, "result.mp4");
        const { size } = await safeDownload(url, file, { maxBytes: env.MAX_DOWNLOAD_BYTES, timeoutMs: env.DOWNLOAD_TIMEOUT_SECONDS * 1000 });
        const info = await probeMedia(file, "video");
        step(`succeeded: ${size} bytes, ${info.video?.width}x${info.video?.height}, ${info.duration.toFixed(2)} s`);
        return 0;
      }
      if (Date.now() - started > 20 * 60_000) throw new Error("not final after 20 minutes");
      await sleep(Math.min(20_000, 2000 * 1.5 ** polls));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`check:useapi failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
