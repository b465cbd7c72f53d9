/**
 * Hostile and broken input through the real HTTP API (the web server, a worker, embedded
 * PostgreSQL): every case ends in its 4xx with a specific message, or in a failed task with a
 * specific errorCode, and afterwards the server still answers and nothing is left behind.
 * URL inputs come from a loopback server that misbehaves on purpose; the private-address cases
 * run on a second stack with ALLOW_PRIVATE_URLS=0.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RESOURCE_NOT_FOUND } from "@/lib/api/errors";
import { type ApiClient, apiClient, speechBytes, type TaskModel, waitForTask } from "@/tests/api/helpers";
import { FIXTURE_SPEECH, FIXTURE_VIDEO } from "@/tests/helpers/media";
import { type Stack, startStack, tempDir } from "@/tests/integration/harness";
import { type LoopbackServer, startLoopbackServer } from "@/tests/jobs/helpers/loopback-server";
import { type HostileMedia, makeHostileMedia } from "./helpers/hostile-media";
import { expectNoPartialFiles, expectNothingLeftBehind, expectServerUp } from "./helpers/leftovers";
import { createWorkerUser } from "./helpers/worker-user";

const MAX_BYTES = 4 * 1024 * 1024;
const scratch = tempDir("lipsync-hostile-");
/** TMPDIR of the server and workers: anything they leave in it is a leak. */
const stackTmp = tempDir("lipsync-hostile-tmp-");

let stack: Stack;
let client: ApiClient;
let loop: LoopbackServer;
let media: HostileMedia;
/** Valid inputs the cases break one part of at a time. */
let face: { url: string };
let speech: { url: string };

const SUPPORTED = "Send a video (MP4, MOV, WebM, MKV, AVI) or an audio file (MP3, WAV, M4A, AAC, OGG, Opus, FLAC).";
const unsupported = (label: string, what: string) => ({ error: `Unsupported file type: ${label} is ${what}. ${SUPPORTED}` });
const bad = (error: string) => ({ error });
const notFound = (error: string) => ({ error, message: "Not Found" });
const needsHttp = (name: "video" | "audio") =>
  bad(`Parameter ${name} must be an http(s) URL of the ${name}; upload files with POST /v1/kling/assets or send them as multipart/form-data`);
const notStorable = (name: string) => bad(`Parameter ${name} must not contain NUL characters or unpaired surrogates`);

const file = (source: string | Uint8Array) => new Blob([Uint8Array.from(typeof source === "string" ? readFileSync(source) : source)]);
const request = (route: string, init: RequestInit = {}) => client.request(route, init);
const submitJson = (body: unknown) =>
  request("/videos/lipsync", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const submitText = (contentType: string, body: string | Uint8Array) =>
  request("/videos/lipsync", { method: "POST", headers: { "Content-Type": contentType }, body: typeof body === "string" ? body : Uint8Array.from(body) });
/** A multipart submit; a part is [name, text] or [name, file, fileName]. */
const submitForm = (...parts: Array<[string, string] | [string, Blob, string]>) => {
  const form = new FormData();
  for (const [name, value, fileName] of parts) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, value, fileName);
  }
  return request("/videos/lipsync", { method: "POST", body: form });
};
const upload = (query: string, body: BodyInit, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  request(`/assets${query}`, {
    method: "POST",
    headers: { "Content-Type": "application/octet-stream", ...headers },
    body,
    signal,
    duplex: "half",
  } as RequestInit);
/** Uploads `head`, then nothing more; once the answer is in, the request is abandoned. */
async function stalledUpload(query: string, head: Uint8Array): Promise<Response> {
  const abandon = new AbortController();
  const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(head) });
  const response = await upload(query, body, {}, abandon.signal);
  const text = await response.text();
  abandon.abort();
  return new Response(text, { status: response.status });
}
/** A body of `head` followed by zeros up to `size` bytes. */
const paddedBody = (head: Uint8Array, size: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head);
      for (let sent = head.length; sent < size; sent += 64 * 1024) controller.enqueue(new Uint8Array(64 * 1024));
      controller.close();
    },
  });

type ExpectedAnswer = { status: number; body: Record<string, unknown> } | { status: number; error: RegExp } | { status: 200; fileName: string };
type RequestCase = { name: string; send: () => Promise<Response> } & ExpectedAnswer;

const REQUEST_CASES: RequestCase[] = [
  // Malformed JSON and wrong types.
  { name: "malformed JSON", send: () => submitText("application/json", "{nope"), status: 400, body: bad("The request body is not valid JSON.") },
  { name: "a JSON array", send: () => submitText("application/json", "[]"), status: 400, body: bad("The request body must be a JSON object.") },
  { name: "JSON null", send: () => submitText("application/json", "null"), status: 400, body: bad("The request body must be a JSON object.") },
  { name: "a bare JSON string", send: () => submitText("application/json", '"video"'), status: 400, body: bad("The request body must be a JSON object.") },
  {
    name: "JSON in UTF-16",
    send: () => submitText("application/json; charset=utf-16", Buffer.from('{"video":"x"}', "utf16le")),
    status: 400,
    body: bad("The request body is not valid JSON."),
  },
  { name: "an empty JSON object", send: () => submitJson({}), status: 400, body: bad("Parameter video is required") },
  { name: "video as a number", send: () => submitJson({ video: 42, audio: speech.url }), status: 400, body: bad("Parameter video must be a string") },
  { name: "video as an object", send: () => submitJson({ video: { url: face.url }, audio: speech.url }), status: 400, body: bad("Parameter video must be a string") },
  { name: "audio as a boolean", send: () => submitJson({ video: face.url, audio: true }), status: 400, body: bad("Parameter audio must be a string") },
  {
    name: "video nested 20,000 arrays deep",
    send: () => submitText("application/json", `{"video":${"[".repeat(20_000)}${"]".repeat(20_000)}}`),
    status: 400,
    body: bad("Parameter video must be a string"),
  },
  {
    name: "maxJobs as text",
    send: () => submitJson({ video: face.url, audio: speech.url, maxJobs: "abc" }),
    status: 400,
    body: bad("Parameter maxJobs must be a whole number from 1 to 50"),
  },
  {
    name: "maxJobs 1e999 (Infinity)",
    send: () => submitText("application/json", `{"video":"${face.url}","audio":"${speech.url}","maxJobs":1e999}`),
    status: 400,
    body: bad("Parameter maxJobs must be a whole number from 1 to 50"),
  },
  { name: "replyRef as a number", send: () => submitJson({ video: face.url, audio: speech.url, replyRef: 7 }), status: 400, body: bad("Parameter replyRef must be a string") },
  // Extra and huge fields.
  { name: "an unknown field", send: () => submitJson({ video: face.url, audio: speech.url, evil: 1 }), status: 400, body: bad("Unknown parameter evil.") },
  {
    name: "a __proto__ field",
    send: () => submitText("application/json", `{"__proto__":{"admin":true},"video":"${face.url}","audio":"${speech.url}"}`),
    status: 400,
    body: bad("Unknown parameter __proto__."),
  },
  {
    name: "replyRef of 2,000 characters",
    send: () => submitJson({ video: face.url, audio: speech.url, replyRef: "r".repeat(2000) }),
    status: 400,
    body: bad("Parameter replyRef must be at most 1024 characters"),
  },
  {
    name: "a 100 KB JSON body",
    send: () => submitJson({ video: face.url, audio: speech.url, replyRef: "r".repeat(100_000) }),
    status: 413,
    body: bad("The JSON body is larger than 65536 bytes. Upload files with POST /v1/kling/assets."),
  },
  {
    name: "a video URL of 3,000 characters",
    send: () => submitJson({ video: `https://example.com/${"v".repeat(3000)}.mp4`, audio: speech.url }),
    status: 400,
    body: bad("Parameter video must be at most 2048 characters"),
  },
  // Odd unicode.
  { name: "a NUL in replyRef", send: () => submitJson({ video: face.url, audio: speech.url, replyRef: "a\u0000b" }), status: 400, body: notStorable("replyRef") },
  { name: "an unpaired surrogate in replyRef", send: () => submitJson({ video: face.url, audio: speech.url, replyRef: "\ud800x" }), status: 400, body: notStorable("replyRef") },
  { name: "a NUL in the video URL", send: () => submitJson({ video: "https://example.com/a\u0000.mp4", audio: speech.url }), status: 400, body: notStorable("video") },
  { name: "a right-to-left override in the host", send: () => submitJson({ video: "https://exa\u202emple.com/v.mp4", audio: speech.url }), status: 400, body: needsHttp("video") },
  { name: "a non-ASCII email", send: () => submitJson({ email: "jöhn@exämple.com", video: face.url, audio: speech.url }), status: 400, body: bad("Parameter email must be an email address") },
  // URLs the server must not fetch.
  { name: "a file:// video", send: () => submitJson({ video: "file:///etc/passwd", audio: speech.url }), status: 400, body: needsHttp("video") },
  { name: "an ftp:// audio", send: () => submitJson({ video: face.url, audio: "ftp://example.com/a.mp3" }), status: 400, body: needsHttp("audio") },
  { name: "a javascript: video", send: () => submitJson({ video: "javascript:alert(1)", audio: speech.url }), status: 400, body: needsHttp("video") },
  {
    name: "a URL with credentials",
    send: () => submitJson({ video: "http://user:pass@93.184.216.34/v.mp4", audio: speech.url }),
    status: 400,
    body: bad("Parameter video is refused: URLs with a user name or password (user:pass@host) are not accepted."),
  },
  {
    name: "a host that does not resolve",
    send: () => submitJson({ video: "http://nonexistent.invalid/v.mp4", audio: speech.url }),
    status: 400,
    error: /^Parameter video is refused: The host nonexistent\.invalid could not be resolved \(\w+\): check the URL\.$/,
  },
  { name: "text/plain", send: () => submitText("text/plain", "video=x"), status: 415, body: bad("Content-Type must be application/json or multipart/form-data.") },
  // Multipart with missing or broken parts.
  {
    name: "multipart without a boundary",
    send: () => submitText("multipart/form-data", "garbage"),
    status: 400,
    body: bad("The multipart/form-data body cannot be read: Multipart: Boundary not found."),
  },
  {
    name: "multipart cut off inside a file",
    send: () => submitText("multipart/form-data; boundary=XX", '--XX\r\nContent-Disposition: form-data; name="video"; filename="v.mp4"\r\n\r\nabc'),
    status: 400,
    body: bad("The multipart/form-data body is malformed: Unexpected end of form."),
  },
  { name: "multipart without any part", send: () => submitForm(), status: 400, body: bad("Parameter video is required") },
  { name: "multipart without the audio part", send: () => submitForm(["video", file(media.shortFace), "v.mp4"]), status: 400, body: bad("Parameter audio is required") },
  { name: "multipart with an unknown field", send: () => submitForm(["video", face.url], ["audio", speech.url], ["evil", "1"]), status: 400, body: bad("Unknown parameter evil.") },
  {
    name: "multipart with a file as replyRef",
    send: () => submitForm(["video", face.url], ["audio", speech.url], ["replyRef", file(FIXTURE_SPEECH), "r.wav"]),
    status: 400,
    body: bad("Parameter replyRef cannot be a file; files go in video or audio."),
  },
  {
    name: "multipart with the video twice",
    send: () => submitForm(["video", face.url], ["video", face.url], ["audio", speech.url]),
    status: 400,
    body: bad("Parameter video was sent more than once."),
  },
  { name: "multipart with a NUL in replyRef", send: () => submitForm(["video", face.url], ["audio", speech.url], ["replyRef", "a\u0000b"]), status: 400, body: notStorable("replyRef") },
  // Files that are not what they claim.
  { name: "a zero-byte video file", send: () => submitForm(["video", file(new Uint8Array(0)), "v.mp4"], ["audio", speech.url]), status: 400, body: unsupported("the video file", "an empty file") },
  {
    name: "a random-byte video file",
    send: () => submitForm(["video", file(Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)), "v.mp4"], ["audio", speech.url]),
    status: 400,
    body: unsupported("the video file", "an unrecognised file type"),
  },
  {
    name: "a PNG as the video",
    send: () => submitForm(["video", file(Buffer.from("89504e470d0a1a0a0000000d49484452", "hex")), "v.mp4"], ["audio", speech.url]),
    status: 400,
    body: unsupported("the video file", "a PNG image"),
  },
  {
    name: "an MP4 cut inside its header",
    send: () => submitForm(["video", file(media.headerOnlyMp4), "v.mp4"], ["audio", speech.url]),
    status: 400,
    body: bad("Parameter video: The video file could not be read as media: it is corrupt, truncated or not a media file. Re-export it as MP4 (video) or WAV/MP3 (audio) and try again."),
  },
  {
    name: "an audio file as the video",
    send: () => submitForm(["video", file(FIXTURE_SPEECH), "v.mp4"], ["audio", speech.url]),
    status: 400,
    body: bad("Parameter video is an audio file (v.wav): send a video that shows a face."),
  },
  {
    name: "a video without sound as the audio",
    send: () => submitForm(["video", face.url], ["audio", file(media.shortFace), "a.mp4"]),
    status: 400,
    body: bad("Parameter audio: The audio file has no audio stream. Send speech as MP3, WAV, M4A, OGG, FLAC, or a video with a sound track."),
  },
  {
    name: "an MP4 without a video stream as the video",
    send: () => submitForm(["video", file(media.audioOnlyMp4), "v.mp4"], ["audio", speech.url]),
    status: 400,
    body: bad("Parameter video: The video file has no video stream (is it an audio file?). Send a video that shows a face."),
  },
  {
    name: "a header claiming 16384x16384",
    send: () => submitForm(["video", file(media.hugeHeader), "v.avi"], ["audio", speech.url]),
    status: 400,
    body: bad(
      "Parameter video: The video's picture size cannot be read: its header is damaged or declares a size ffmpeg refuses. Sizes from 16 to 4096 pixels per side are supported. Re-export it and try again.",
    ),
  },
  {
    name: "a 61 s video",
    send: () => submitForm(["video", file(media.tooLong), "v.mp4"], ["audio", speech.url]),
    status: 400,
    body: bad("Parameter video is 61.0 s long: video cannot be longer than 60 seconds. Trim it and try again."),
  },
  {
    name: "a multipart file over MAX_UPLOAD_BYTES",
    send: () => submitForm(["video", new Blob([Uint8Array.from(readFileSync(media.shortFace)), new Uint8Array(MAX_BYTES)]), "v.mp4"], ["audio", speech.url]),
    status: 413,
    body: bad(`The file is larger than the limit of ${MAX_BYTES} bytes (MAX_UPLOAD_BYTES). Send a smaller file.`),
  },
  // Uploads.
  { name: "a zero-byte upload", send: () => upload("?fileName=a.mp4", new Uint8Array(0)), status: 400, body: unsupported("the file", "an empty file") },
  {
    name: "a random-byte upload",
    send: () => upload("?fileName=a.mp4", Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) % 253)),
    status: 400,
    body: unsupported("the file", "an unrecognised file type"),
  },
  { name: "an HTML page as an upload", send: () => upload("", "<!DOCTYPE html><html><body>hi</body></html>"), status: 400, body: unsupported("the file", "an HTML page") },
  {
    name: "an upload streamed past MAX_UPLOAD_BYTES",
    send: () => upload("?fileName=big.mp4", paddedBody(readFileSync(media.shortFace).subarray(0, 4096), MAX_BYTES + 1024 * 1024)),
    status: 413,
    body: bad(`The file is larger than the limit of ${MAX_BYTES} bytes (MAX_UPLOAD_BYTES). Send a smaller file.`),
  },
  {
    name: "an upload that stalls past UPLOAD_TIMEOUT_SECONDS",
    send: () => stalledUpload("?fileName=slow.wav", speechBytes().subarray(0, 8192)),
    status: 408,
    body: bad("The upload took longer than 5 s (UPLOAD_TIMEOUT_SECONDS) and was discarded. Send a smaller file or use a faster connection."),
  },
  { name: "a fileName of 2,000 characters", send: () => upload(`?fileName=${"n".repeat(2000)}`, speechBytes()), status: 400, body: bad("Parameter fileName must be at most 1024 characters") },
  { name: "an upload for a malformed email", send: () => upload("?email=not-an-email", speechBytes()), status: 400, body: bad("Parameter email must be an email address") },
  // Path tricks in file names: neutralised, never used as paths.
  { name: "?fileName=../../etc/passwd", send: () => upload(`?fileName=${encodeURIComponent("../../etc/passwd")}`, speechBytes()), status: 200, fileName: "passwd.wav" },
  {
    name: "a Content-Disposition name climbing into ~/.ssh",
    send: () => upload("", speechBytes(), { "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent("../../.ssh/authorized_keys")}` }),
    status: 200,
    fileName: "authorized_keys.wav",
  },
  { name: "a right-to-left override in ?fileName", send: () => upload(`?fileName=${encodeURIComponent("\u202egpj.exe")}`, speechBytes()), status: 200, fileName: "gpj.wav" },
  {
    name: "a Windows path as a multipart file name",
    send: () => {
      const form = new FormData();
      form.append("file", file(FIXTURE_SPEECH), "..\\..\\Windows\\win.ini");
      return request("/assets", { method: "POST", body: form });
    },
    status: 200,
    fileName: "win.wav",
  },
  // Ids and paths that name nothing.
  { name: "task id -1", send: () => request("/tasks/-1"), status: 404, body: notFound("Task -1 was not found. Use the task.id returned by POST /v1/kling/videos/lipsync.") },
  {
    name: "task id 99999999999",
    send: () => request("/tasks/99999999999"),
    status: 404,
    body: notFound("Task 99999999999 was not found. Use the task.id returned by POST /v1/kling/videos/lipsync."),
  },
  {
    name: "a task id climbing into /etc",
    send: () => request("/tasks/..%2F..%2Fetc%2Fpasswd"),
    status: 404,
    body: notFound("Task ../../etc/passwd was not found. Use the task.id returned by POST /v1/kling/videos/lipsync."),
  },
  { name: "an asset id climbing to the database password", send: () => request("/assets/..%2F..%2Fpostgres-credentials.json/x"), status: 404, body: notFound(RESOURCE_NOT_FOUND) },
  { name: "an account named by a NUL", send: () => request("/accounts/%00"), status: 404, body: notFound("Account \u0000 is not configured. Add it with POST /v1/kling/accounts.") },
  { name: "a task looked up for a malformed email", send: () => request("/tasks/1?email=%00"), status: 400, body: bad("Parameter email must be an email address") },
  {
    name: "workIds that is not a number",
    send: () => request("/assets/download?workIds=abc"),
    status: 400,
    body: bad("Parameter workIds must be the workId of one succeeded task (from works[0].workId)"),
  },
  {
    name: "an account with an unknown field",
    send: () => request("/accounts", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "x@example.com", plan: "pro" }) }),
    status: 400,
    body: bad("Unknown parameter plan."),
  },
  {
    name: "an account email of 300 characters",
    send: () => request("/accounts", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: `${"a".repeat(290)}@example.com` }) }),
    status: 400,
    body: bad("Parameter email must be at most 254 characters"),
  },
];

type TaskCase = { name: string; submit: () => Promise<Response>; errorCode: string; error: RegExp };

const fromUrl = (route: string) => () => submitJson({ video: `${loop.files}${route}`, audio: speech.url });
const redirectTo = (target: string) => fromUrl(`/redirect?to=${encodeURIComponent(target)}`);

/** Inputs only a worker can judge: outside URLs (fetched by the worker) and files broken past their headers. */
const TASK_CASES: TaskCase[] = [
  { name: "a URL that answers 404", submit: fromUrl("/status/404"), errorCode: "INPUT_DOWNLOAD_FAILED", error: /: the server answered 404 Not Found\. Check that the URL/ },
  { name: "a URL that answers 500", submit: fromUrl("/status/500"), errorCode: "INPUT_DOWNLOAD_FAILED", error: /: the server answered 500 Internal Server Error\./ },
  { name: "a URL that never answers", submit: fromUrl("/hang"), errorCode: "INPUT_DOWNLOAD_TIMEOUT", error: /\/hang: it took longer than 4 s\./ },
  { name: "a URL that stops sending mid-body", submit: fromUrl("/stall"), errorCode: "INPUT_DOWNLOAD_TIMEOUT", error: /\/stall: it took longer than 4 s\./ },
  { name: "a redirect loop", submit: fromUrl("/redirect-loop"), errorCode: "INPUT_DOWNLOAD_FAILED", error: /: it redirected more than 5 times \(a redirect loop\?\)\. Check/ },
  {
    name: "a redirect to 169.254.169.254",
    submit: redirectTo("http://169.254.169.254/latest/meta-data/"),
    errorCode: "INPUT_URL_REFUSED",
    error: /was refused: The URL redirected to http:\/\/169\.254\.169\.254\/latest\/meta-data\/\. Refused to connect to 169\.254\.169\.254: it is a cloud metadata service address\./,
  },
  {
    name: "a redirect to 0.0.0.0 (this machine)",
    submit: redirectTo("http://0.0.0.0:9/v.mp4"),
    errorCode: "INPUT_URL_REFUSED",
    error: /redirected to http:\/\/0\.0\.0\.0:9\/v\.mp4\. Refused to connect to 0\.0\.0\.0: it is the unspecified address\./,
  },
  { name: "a redirect to file://", submit: redirectTo("file:///etc/passwd"), errorCode: "INPUT_URL_REFUSED", error: /redirected to file:\/\/\/etc\/passwd\. Only http:\/\/ and https:\/\/ URLs can be fetched, not file:\/\/\./ },
  { name: "a redirect to ftp://", submit: redirectTo("ftp://127.0.0.1/v.mp4"), errorCode: "INPUT_URL_REFUSED", error: /Only http:\/\/ and https:\/\/ URLs can be fetched, not ftp:\/\/\./ },
  { name: "more bytes than the Content-Length", submit: fromUrl("/overflow"), errorCode: "INPUT_DOWNLOAD_FAILED", error: /: the server sent more than the 10 bytes its Content-Length announced\./ },
  { name: "fewer bytes than the Content-Length", submit: fromUrl("/truncated"), errorCode: "INPUT_DOWNLOAD_FAILED", error: /: the connection was closed before the file was complete\./ },
  { name: "a Content-Length of 8 GiB", submit: fromUrl("/too-big"), errorCode: "INPUT_TOO_LARGE", error: /: the file is 8192 MiB, over the limit of 4 MiB \(MAX_DOWNLOAD_BYTES\)\./ },
  { name: "an HTML page as the video", submit: fromUrl("/page.html"), errorCode: "UNREADABLE_FILE", error: /^The video file could not be read as media/ },
  { name: "an audio URL as the video", submit: fromUrl("/speech.wav"), errorCode: "NO_VIDEO_STREAM", error: /^The video file has no video stream/ },
  { name: "a 61 s video by URL", submit: fromUrl("/too-long.mp4"), errorCode: "VIDEO_TOO_LONG", error: /^The video is 61\.0 s long; the limit is 60 s\./ },
  { name: "a header claiming 16384x16384 by URL", submit: fromUrl("/huge-header.avi"), errorCode: "VIDEO_TOO_LARGE", error: /^The video's picture size cannot be read/ },
  { name: "a video without a face", submit: fromUrl("/no-face.mp4"), errorCode: "NO_FACE_FOUND", error: /^A face was found in only 0% of the frames/ },
  {
    name: "an MP4 truncated after its header",
    submit: () => submitForm(["video", file(media.truncatedMp4), "v.mp4"], ["audio", speech.url]),
    errorCode: "UNREADABLE_FILE",
    error: /^The video could not be decoded \(it may be corrupt or truncated\)/,
  },
  {
    name: "a WAV truncated after its header",
    submit: () => submitForm(["video", face.url], ["audio", file(media.truncatedWav), "a.wav"]),
    errorCode: "UNREADABLE_FILE",
    error: /^The audio file holds no sound that can be decoded: it is empty, truncated or damaged\./,
  },
];

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await rm(stackTmp, { recursive: true, force: true });
});

describe("hostile input (private URLs allowed, so a loopback server can misbehave)", () => {
  const taskIds = new Map<string, number>();
  let tenMinuteTask: number;

  beforeAll(async () => {
    media = await makeHostileMedia(scratch);
    loop = await startLoopbackServer();
    const page = path.join(scratch, "page.html");
    writeFileSync(page, "<!DOCTYPE html><html><body>Not a video</body></html>");
    for (const served of [page, media.tooLong, media.hugeHeader, media.noFace]) loop.serve.set(`/${path.basename(served)}`, served);
    stack = await startStack({
      workers: 1,
      env: {
        API_RATE_LIMIT_PER_MINUTE: "100000",
        WORKER_CONCURRENCY: "2",
        DOWNLOAD_TIMEOUT_SECONDS: "4",
        MAX_DOWNLOAD_BYTES: String(MAX_BYTES),
        MAX_UPLOAD_BYTES: String(MAX_BYTES),
        UPLOAD_TIMEOUT_SECONDS: "5",
        TMPDIR: stackTmp,
      },
    });
    // Tasks of the account run side by side, two at a time (WORKER_CONCURRENCY).
    ({ client, face, speech } = await createWorkerUser(stack, media.shortFace));
  }, 900_000);

  afterAll(async () => {
    await stack?.stop();
    await loop?.stop();
  });

  describe(`${REQUEST_CASES.length} requests refused (or neutralised) with a specific answer`, () => {
    afterEach(async () => {
      await expectServerUp(stack);
      await expectNoPartialFiles(stack.dataDir);
    });

    it.each(REQUEST_CASES.map((c) => [c.name, c] as const))("%s", async (_name, testCase) => {
      const response = await testCase.send();
      const text = await response.text();
      expect([response.status, text.slice(0, 500)]).toEqual([testCase.status, expect.any(String)]);
      const body = JSON.parse(text) as Record<string, unknown>;
      if ("body" in testCase) {
        expect(body).toEqual(testCase.body);
      } else if ("error" in testCase) {
        expect(Object.keys(body)).toEqual(["error"]);
        expect(body.error).toMatch(testCase.error);
      } else {
        expect(body).toMatchObject({ fileName: testCase.fileName, url: `${stack.baseUrl}/v1/kling/assets/${body.assetId}/${testCase.fileName}` });
      }
    });

    it("keeps nothing from a client that disconnects mid-upload", async () => {
      const assetsBefore = await stack.db.asset.count();
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(Number(new URL(stack.baseUrl).port), "127.0.0.1", () => {
          socket.write(
            `POST /v1/kling/assets?fileName=cut.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${client.token}\r\n` +
              "Content-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n",
          );
          socket.write(readFileSync(media.shortFace).subarray(0, 50_000), () => setTimeout(() => (socket.destroy(), resolve()), 300));
        });
        socket.on("error", reject);
      });
      await expectNoPartialFiles(stack.dataDir);
      expect(await stack.db.asset.count()).toBe(assetsBefore);
    });
  });

  describe(`${TASK_CASES.length} inputs that fail their task with a specific error`, () => {
    beforeAll(async () => {
      for (const testCase of TASK_CASES) {
        const response = await testCase.submit();
        const body = (await response.json()) as TaskModel;
        expect([testCase.name, response.status]).toEqual([testCase.name, 200]);
        taskIds.set(testCase.name, body.task.id);
      }
      const submitted = await client.json<TaskModel>("/videos/lipsync", {
        method: "POST",
        body: (() => {
          const form = new FormData();
          form.append("video", face.url);
          form.append("audio", file(media.tenMinuteAudio), "ten-minutes.ogg");
          return form;
        })(),
      });
      expect(submitted.status).toBe(200);
      tenMinuteTask = submitted.body.task.id;
    }, 300_000);

    it.each(TASK_CASES.map((c) => [c.name, c] as const))("%s", async (_name, testCase) => {
      const done = await waitForTask(client, taskIds.get(testCase.name)!, 240_000);
      expect({ status: done.status, errorCode: done.errorCode }).toEqual({ status: 50, errorCode: testCase.errorCode });
      expect(done.error).toMatch(testCase.error);
      expect(done.works).toEqual([]);
    });

    it("takes a 10-minute audio track and cuts it to the video's 2 s", async () => {
      const done = await waitForTask(client, tenMinuteTask, 240_000);
      expect(done.status_name).toBe("succeed");
      expect(done.works[0].resource.duration).toBeGreaterThan(1900);
      expect(done.works[0].resource.duration).toBeLessThan(2100);
    });
  });

  it("leaves the server up and nothing behind: no open task, work folder, partial or temporary file, and storage matches the Asset rows", async () => {
    await expectNothingLeftBehind(stack, { tmpDir: stackTmp });
    // Stored files are named by asset id only: no client-given name reached the disk.
    for (const name of await readdir(path.join(stack.dataDir, "storage", "assets"))) expect(name).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await stack.db.task.count({ where: { status: 50 } })).toBe(TASK_CASES.length);
  });
});

describe("private addresses refused at submit time (ALLOW_PRIVATE_URLS=0)", () => {
  const refused = (name: string, host: string, what: string, liftable = true) =>
    bad(
      `Parameter ${name} is refused: Refused to connect to ${host}: it is ${what}.${liftable ? " Use a publicly reachable URL (ALLOW_PRIVATE_URLS=1 permits this for local testing)." : " Use a publicly reachable URL."}`,
    );
  const LOOPBACK = "a loopback address (this machine)";
  const PRIVATE = "a private network address";
  const METADATA = "a cloud metadata service address";
  const PRIVATE_CASES: Array<[string, Record<string, string>, Record<string, unknown>]> = [
    ["video on 127.0.0.1", { video: "http://127.0.0.1:9/v.mp4" }, refused("video", "127.0.0.1", LOOPBACK)],
    ["video on [::1]", { video: "http://[::1]:9/v.mp4" }, refused("video", "::1", LOOPBACK)],
    ["video on 127.0.0.1 written as 2130706433", { video: "http://2130706433/v.mp4" }, refused("video", "127.0.0.1", LOOPBACK)],
    ["video on localhost", { video: "http://localhost:3000/v.mp4" }, bad("Parameter video is refused: Refused to connect to localhost: it names this machine or a cloud metadata service. Use a publicly reachable URL.")],
    ["video on 0.0.0.0", { video: "http://0.0.0.0/v.mp4" }, refused("video", "0.0.0.0", "the unspecified address", false)],
    ["audio on 10.0.0.1", { audio: "http://10.0.0.1/a.mp3" }, refused("audio", "10.0.0.1", PRIVATE)],
    ["audio on 192.168.1.10", { audio: "http://192.168.1.10/a.mp3" }, refused("audio", "192.168.1.10", PRIVATE)],
    ["audio on 169.254.169.254", { audio: "http://169.254.169.254/latest/meta-data/" }, refused("audio", "169.254.169.254", METADATA, false)],
    ["replyUrl on 127.0.0.1", { replyUrl: "http://127.0.0.1/hook" }, refused("replyUrl", "127.0.0.1", LOOPBACK)],
    ["replyUrl on 172.16.5.4", { replyUrl: "http://172.16.5.4/hook" }, refused("replyUrl", "172.16.5.4", PRIVATE)],
    ["replyUrl on 100.64.0.1 (CGNAT)", { replyUrl: "http://100.64.0.1/hook" }, refused("replyUrl", "100.64.0.1", "a carrier-grade NAT (shared) address")],
    ["replyUrl on [::ffff:169.254.169.254]", { replyUrl: "http://[::ffff:169.254.169.254]/" }, refused("replyUrl", "::ffff:a9fe:a9fe", METADATA, false)],
  ];

  beforeAll(async () => {
    stack = await startStack({ workers: 0, env: { ALLOW_PRIVATE_URLS: "0", API_RATE_LIMIT_PER_MINUTE: "100000" } });
    client = apiClient(stack.baseUrl, (await stack.createUser()).token);
    face = await client.upload(readFileSync(FIXTURE_VIDEO), "face.mp4");
    speech = await client.upload(speechBytes(), "speech.wav");
  }, 900_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it.each(PRIVATE_CASES)("%s → 400", async (_name, fields, body) => {
    const response = await client.postJson("/videos/lipsync", { video: face.url, audio: speech.url, ...fields });
    expect(response).toMatchObject({ status: 400, body });
  });

  it("saved no task and stays up", async () => {
    expect(await stack.db.task.count()).toBe(0);
    await expectNothingLeftBehind(stack);
  });
});
