/** The new lip-sync page's server side: input checks, error wording, and uploads with the session cookie. */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, signUp, startStack } from "./harness";

type Modules = {
  parseNewTaskInput: typeof import("@/lib/studio/new-task/parse-new-task-input").parseNewTaskInput;
  toNewTaskError: typeof import("@/lib/studio/new-task/to-new-task-error").toNewTaskError;
  submitNewTask: typeof import("@/lib/studio/new-task/submit-new-task").submitNewTask;
  ApiError: typeof import("@/lib/api/errors").ApiError;
  RESOURCE_NOT_FOUND: string;
};

const fixture = async (name: string) => new Uint8Array(await readFile(new URL(`../fixtures/${name}`, import.meta.url)));

describe("new lip sync (studio)", () => {
  let stack: Stack;
  let lib: Modules;
  let cookie: string;
  let userId: number;

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
    // lib/env reads these when first imported: asset URLs of the stack count as ours, files are in its DATA_DIR.
    process.env.PUBLIC_BASE_URL = stack.baseUrl;
    process.env.DATA_DIR = stack.dataDir;
    const errors = await import("@/lib/api/errors");
    lib = {
      parseNewTaskInput: (await import("@/lib/studio/new-task/parse-new-task-input")).parseNewTaskInput,
      toNewTaskError: (await import("@/lib/studio/new-task/to-new-task-error")).toNewTaskError,
      submitNewTask: (await import("@/lib/studio/new-task/submit-new-task")).submitNewTask,
      ApiError: errors.ApiError,
      RESOURCE_NOT_FOUND: errors.RESOURCE_NOT_FOUND,
    };

    const owner = await signUp(stack.baseUrl, { email: "owner@example.com" });
    expect(owner.status).toBe(200);
    ({ cookie, userId } = owner);
  });

  afterAll(async () => {
    const { stopBoss } = await import("@/lib/jobs/queue");
    await stopBoss(1000);
    await stack?.stop();
  });

  const upload = (name: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string>) =>
    fetch(`${stack.baseUrl}/v1/kling/assets?fileName=${encodeURIComponent(name)}`, { method: "POST", headers, body });

  it("checks the form's input with zod: http(s) URLs, optional email and webhook", () => {
    const valid = lib.parseNewTaskInput({ video: " https://example.com/a.mp4 ", audio: "http://example.com/b.wav", email: "Jane@Example.com", replyUrl: "" });
    expect(valid).toEqual({ ok: true, data: { video: "https://example.com/a.mp4", audio: "http://example.com/b.wav", email: "jane@example.com", replyUrl: undefined } });
    expect(lib.parseNewTaskInput({ video: "ftp://example.com/a.mp4", audio: "https://example.com/b.wav" })).toEqual({
      ok: false,
      field: "video",
      error: "Enter a link that starts with http:// or https://.",
    });
    expect(lib.parseNewTaskInput({ video: "https://example.com/a.mp4", audio: "" })).toMatchObject({ ok: false, field: "audio", error: "Choose an audio file." });
    expect(lib.parseNewTaskInput({ video: "https://example.com/a.mp4", audio: "https://example.com/b.wav", replyUrl: "javascript:alert(1)" })).toMatchObject({
      ok: false,
      field: "replyUrl",
    });
    expect(lib.parseNewTaskInput(null)).toMatchObject({ ok: false });
  });

  it("words API errors for the form, with the field they concern, and hides unknown errors", () => {
    const { ApiError, toNewTaskError } = lib;
    expect(toNewTaskError(new ApiError("bad_request", "Parameter video is 72.0 s long: video cannot be longer than 60 seconds. Trim it and try again."))).toEqual({
      field: "video",
      error: "The video is 72.0 s long: video cannot be longer than 60 seconds. Trim it and try again.",
    });
    expect(toNewTaskError(new ApiError("bad_request", "Parameter replyUrl is refused: it resolves to a private address"))).toEqual({
      field: "replyUrl",
      error: "The webhook URL is refused: it resolves to a private address",
    });
    expect(toNewTaskError(new ApiError("bad_request", "Parameter audio: The audio file has no sound track."))).toEqual({
      field: "audio",
      error: "The audio file has no sound track.",
    });
    expect(toNewTaskError(new ApiError("bad_request", "Account x@example.com is not configured. Add it."))).toMatchObject({ field: "email" });
    expect(toNewTaskError(new ApiError("not_found", lib.RESOURCE_NOT_FOUND)).error).toMatch(/no longer available/);
    expect(toNewTaskError(new ApiError("bad_request", "Account a@b.c has used its limit of 3 tasks. Delete finished tasks (DELETE /v1/kling/tasks/{task_id}) to free places.")).error).toBe(
      "Account a@b.c has used its limit of 3 tasks. Delete finished tasks in History to free places.",
    );
    const hidden = toNewTaskError(new Error("connect ECONNREFUSED 10.0.0.1 at Socket.internal (secret.ts:1)"));
    expect(hidden.field).toBeUndefined();
    expect(hidden.error).not.toMatch(/ECONNREFUSED|secret/);
  });

  it("takes an upload with the session cookie from our origin, and refuses it without the cookie or from another origin", async () => {
    const video = await fixture("astronaut.mp4");
    const refusedWithoutCookie = await upload("a.mp4", video, { Origin: stack.baseUrl, "Content-Type": "video/mp4" });
    expect(refusedWithoutCookie.status).toBe(401);
    const refusedForeignOrigin = await upload("a.mp4", video, { Cookie: cookie, Origin: "https://evil.example", "Content-Type": "video/mp4" });
    expect(refusedForeignOrigin.status).toBe(401);
    expect(await refusedForeignOrigin.json()).toEqual({ error: "Unauthorized", code: 401 });

    const accepted = await upload("my talk.mp4", video, { Cookie: cookie, Origin: stack.baseUrl, "Content-Type": "video/mp4" });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ url: expect.stringMatching(`^${stack.baseUrl}/v1/kling/assets/`), fileName: "my talk.mp4", type: "video" });
  });

  it("creates a task from the URLs the assets endpoint returned, as they are", async () => {
    const headers = { Cookie: cookie, Origin: stack.baseUrl, "Content-Type": "application/octet-stream" };
    const video = await (await upload("astronaut.mp4", await fixture("astronaut.mp4"), headers)).json();
    const audio = await (await upload("speech.wav", await fixture("speech.wav"), headers)).json();

    const result = await lib.submitNewTask(userId, { video: video.url, audio: audio.url, email: "", replyUrl: "" });
    expect(result).toEqual({ ok: true, taskId: expect.any(Number) });
    const task = await stack.db.task.findUniqueOrThrow({ where: { id: (result as { taskId: number }).taskId } });
    expect(task).toMatchObject({ userId, videoAssetId: video.assetId, audioAssetId: audio.assetId, replyUrl: null });

    expect(await lib.submitNewTask(userId, { video: audio.url, audio: audio.url })).toEqual({
      ok: false,
      field: "video",
      error: expect.stringMatching(/^The video is an audio file/),
    });
    expect(await lib.submitNewTask(userId, { video: video.url, audio: "not a link" })).toMatchObject({ ok: false, field: "audio" });
  });
});
