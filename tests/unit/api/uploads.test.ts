import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeEach, describe, expect, it } from "vitest";

// Storage lives in DATA_DIR/storage: point it at a temporary folder before the modules load.
// (No static import may load lib/env first: that is why the fixtures are located by hand.)
const FIXTURE_VIDEO = fileURLToPath(new URL("../../fixtures/astronaut.mp4", import.meta.url));
const FIXTURE_SPEECH = fileURLToPath(new URL("../../fixtures/speech.wav", import.meta.url));
const dataDir = await mkdtemp(path.join(os.tmpdir(), "uploads-"));
process.env.DATA_DIR = dataDir;
const { parseMultipart } = await import("@/lib/api/http/parse-multipart");
const { storeUpload } = await import("@/lib/api/assets/store-upload");
const { ApiError, toApiError } = await import("@/lib/api/errors");
const { getStorage } = await import("@/lib/storage");
type StoredUpload = Awaited<ReturnType<typeof storeUpload>>;

const video = readFileSync(FIXTURE_VIDEO);
const speech = readFileSync(FIXTURE_SPEECH);
const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");

afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function storedFiles(): Promise<string[]> {
  const dir = path.join(dataDir, "storage");
  const all = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const files = [];
  for (const entry of all) if ((await stat(path.join(dir, entry))).isFile()) files.push(path.basename(entry));
  return files;
}

beforeEach(async () => {
  await rm(path.join(dataDir, "storage"), { recursive: true, force: true });
});

function formRequest(form: FormData): Request {
  return new Request("http://localhost/v1/kling/videos/lipsync", { method: "POST", body: form });
}

async function upload(form: FormData, maxBytes = 10 * 1024 * 1024, signal = new AbortController().signal) {
  const stored: StoredUpload[] = [];
  try {
    const fields = await parseMultipart(formRequest(form), {
      fileFields: ["video", "audio"],
      textFields: ["email", "video", "audio", "maxJobs", "replyUrl", "replyRef"],
      signal,
      onFile: async (file) => {
        stored.push(
          await storeUpload({ source: file.stream, clientFileName: file.fileName, label: `the ${file.field} file`, maxBytes, signal }),
        );
      },
    });
    return { fields, stored };
  } catch (error) {
    for (const file of stored) await getStorage().delete(file.storageKey);
    throw error;
  }
}

describe("multipart uploads", () => {
  it("streams a video file to storage and keeps the URL fields", async () => {
    const form = new FormData();
    form.append("email", "jane@example.com");
    form.append("video", new Blob([video]), "talk.mp4");
    form.append("audio", "https://example.com/audio.mp3");
    const { fields, stored } = await upload(form);
    expect(fields).toEqual({ email: "jane@example.com", audio: "https://example.com/audio.mp3" });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ fileName: "talk.mp4", contentType: "video/mp4", size: video.length });
    expect(await storedFiles()).toEqual([stored[0].assetId]);
  });

  it("names a WAV sent as .mp4 by its bytes", async () => {
    const form = new FormData();
    form.append("audio", new Blob([speech]), "speech.mp4");
    const { stored } = await upload(form);
    expect(stored[0]).toMatchObject({ fileName: "speech.wav", contentType: "audio/wav", media: { kind: "audio" } });
  });

  it("neutralises path tricks in the file name", async () => {
    const form = new FormData();
    form.append("audio", new Blob([speech]), "../../etc/passwd");
    const { stored } = await upload(form);
    expect(stored[0].fileName).toBe("passwd.wav");
    expect(await storedFiles()).toEqual([stored[0].assetId]);
  });

  it("refuses an unsupported file by name, keeping nothing", async () => {
    const form = new FormData();
    form.append("video", new Blob([png]), "face.png");
    const error = await upload(form).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as InstanceType<typeof ApiError>).toBody()).toEqual({
      error:
        "Unsupported file type: the video file is a PNG image. Send a video (MP4, MOV, WebM, MKV, AVI) or an audio file (MP3, WAV, M4A, AAC, OGG, Opus, FLAC).",
    });
    expect(await storedFiles()).toEqual([]);
  });

  it("refuses an empty file", async () => {
    const form = new FormData();
    form.append("audio", new Blob([]), "empty.wav");
    const error = toApiError(await upload(form).catch((e: unknown) => e));
    expect(error.toBody().error).toContain("the audio file is an empty file");
    expect(await storedFiles()).toEqual([]);
  });

  it("stops a file over the limit with 413 and deletes the partial file and the earlier file", async () => {
    const form = new FormData();
    form.append("video", new Blob([video]), "talk.mp4");
    form.append("audio", new Blob([speech]), "speech.wav"); // larger than the video
    const error = toApiError(await upload(form, video.length + 10).catch((e: unknown) => e));
    expect(error.status).toBe(413);
    expect(error.toBody().error).toMatch(/larger than the limit of \d+ bytes \(MAX_UPLOAD_BYTES\)/);
    expect(await storedFiles()).toEqual([]);
    expect(await readdir(path.join(dataDir, "storage", ".partial"))).toEqual([]);
  });

  it("refuses unknown fields, file fields that take text only, and repeated fields", async () => {
    const unknown = new FormData();
    unknown.append("prompt", "hello");
    expect(toApiError(await upload(unknown).catch((e: unknown) => e)).toBody()).toEqual({ error: "Unknown parameter prompt." });

    const fileInText = new FormData();
    fileInText.append("email", new Blob([speech]), "x.wav");
    expect(toApiError(await upload(fileInText).catch((e: unknown) => e)).toBody().error).toMatch(/email cannot be a file/);

    const twice = new FormData();
    twice.append("audio", new Blob([speech]), "a.wav");
    twice.append("audio", "https://example.com/a.mp3");
    expect(toApiError(await upload(twice).catch((e: unknown) => e)).toBody()).toEqual({ error: "Parameter audio was sent more than once." });
    expect(await storedFiles()).toEqual([]);
  });

  it("refuses a huge text field", async () => {
    const form = new FormData();
    form.append("replyRef", "x".repeat(100_000));
    expect(toApiError(await upload(form).catch((e: unknown) => e)).toBody()).toEqual({
      error: "Parameter replyRef is longer than 8192 bytes.",
    });
  });

  it("keeps nothing when the upload is aborted", async () => {
    const form = new FormData();
    form.append("video", new Blob([video]), "talk.mp4");
    const controller = new AbortController();
    controller.abort(new Error("client went away"));
    await expect(upload(form, 10 * 1024 * 1024, controller.signal)).rejects.toThrow("client went away");
    expect(await storedFiles()).toEqual([]);
  });
});
