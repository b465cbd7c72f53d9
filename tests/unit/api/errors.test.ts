import { describe, expect, it } from "vitest";
import { ApiError, errorResponse, RESOURCE_NOT_FOUND, toApiError } from "@/lib/api/errors";
import { lipsyncRequestSchema } from "@/lib/api/tasks/schemas";
import { StorageSizeLimitError } from "@/lib/storage";

function parseError(body: unknown) {
  const result = lipsyncRequestSchema.safeParse(body);
  if (result.success) throw new Error("expected a failure");
  return toApiError(result.error).toBody();
}

describe("API errors", () => {
  it("uses the Kling body for each status", async () => {
    const cases: Array<[ApiError, number, unknown]> = [
      [new ApiError("bad_request", "Parameter video is required"), 400, { error: "Parameter video is required" }],
      [new ApiError("unauthorized", "whatever"), 401, { error: "Unauthorized", code: 401 }],
      [new ApiError("not_found", RESOURCE_NOT_FOUND), 404, { error: RESOURCE_NOT_FOUND, message: "Not Found" }],
      [new ApiError("rate_limit_exceeded", "Too many requests."), 429, { error: "Too many requests.", code: 429 }],
    ];
    for (const [error, status, body] of cases) {
      const response = errorResponse(error, { "Retry-After": "7" });
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual(body);
      expect(response.headers.get("Retry-After")).toBe("7");
    }
  });

  it("answers an unreachable database with 503 and Retry-After", async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const prisma = Object.assign(new Error("Can't reach database server at 127.0.0.1:5433"), { code: "P1001" });
      const shutdown = new Error("raw query failed", { cause: { code: "57P01", message: "terminating connection due to administrator command" } });
      for (const error of [prisma, shutdown, Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5433"), { code: "ECONNREFUSED" })]) {
        const response = errorResponse(error);
        expect(response.status).toBe(503);
        expect(response.headers.get("Retry-After")).toBe("5");
        expect(await response.json()).toEqual({ error: "The database cannot be reached right now. Try again in a few seconds." });
      }
    } finally {
      console.error = original;
    }
  });

  it("maps a size-limit overflow to 413, a full disk to 507, and hides unknown errors behind 500", async () => {
    expect(toApiError(new StorageSizeLimitError(10)).status).toBe(413);
    const original = console.error;
    console.error = () => {};
    try {
      const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      expect(toApiError(full).toBody()).toEqual({ error: "The server has no space left to store this request; nothing was kept. Try again later." });
      expect(toApiError(full).status).toBe(507);
      const response = errorResponse(new Error("password=hunter2 in a stack"));
      expect(response.status).toBe(500);
      expect(JSON.stringify(await response.json())).not.toContain("hunter2");
    } finally {
      console.error = original;
    }
  });

  it.each([
    [{}, "Parameter video is required"],
    [{ video: "" }, "Parameter video is required"],
    [{ video: null, audio: "https://example.com/a.mp3" }, "Parameter video is required"],
    [{ video: "https://example.com/v.mp4" }, "Parameter audio is required"],
    [{ video: 5, audio: "https://example.com/a.mp3" }, "Parameter video must be a string"],
    [{ video: "ftp://example.com/v.mp4", audio: "https://example.com/a.mp3" }, "Parameter video must be an http(s) URL of the video; upload files with POST /v1/kling/assets or send them as multipart/form-data"],
    [{ video: "https://example.com/v.mp4", audio: "https://example.com/a.mp3", maxJobs: 0 }, "Parameter maxJobs must be a whole number from 1 to 50"],
    [{ video: "https://example.com/v.mp4", audio: "https://example.com/a.mp3", maxJobs: 51 }, "Parameter maxJobs must be a whole number from 1 to 50"],
    [{ video: "https://example.com/v.mp4", audio: "https://example.com/a.mp3", maxJobs: "abc" }, "Parameter maxJobs must be a whole number from 1 to 50"],
    [{ video: "https://example.com/v.mp4", audio: "https://example.com/a.mp3", maxJobs: 2.5 }, "Parameter maxJobs must be a whole number from 1 to 50"],
    [{ video: "https://example.com/v.mp4", audio: "https://example.com/a.mp3", email: "nope" }, "Parameter email must be an email address"],
    [{ video: `https://example.com/${"x".repeat(3000)}`, audio: "https://example.com/a.mp3" }, "Parameter video must be at most 2048 characters"],
    [{ video: "https://example.com/v.mp4", audio: "https://example.com/a.mp3", replyRef: "r".repeat(2000) }, "Parameter replyRef must be at most 1024 characters"],
    [{ video: "https://example.com/v.mp4", audio: "https://example.com/a.mp3", replyRef: "a\u0000b" }, "Parameter replyRef must not contain NUL characters or unpaired surrogates"],
    [{ video: "https://example.com/v.mp4", audio: "https://example.com/a.mp3", replyRef: "\ud800" }, "Parameter replyRef must not contain NUL characters or unpaired surrogates"],
    [{ video: "https://example.com/v\u0000.mp4", audio: "https://example.com/a.mp3" }, "Parameter video must not contain NUL characters or unpaired surrogates"],
    [{ video: "https://example.com/v.mp4", audio: "https://example.com/a.mp3", replyURL: "https://example.com/hook" }, "Unknown parameter replyURL."],
  ])("validates %j → %s", (body, message) => {
    expect(parseError(body)).toEqual({ error: message });
  });

  it("accepts the seed's request, with maxJobs as a form string", () => {
    expect(
      lipsyncRequestSchema.parse({
        email: " Jane@Example.com ",
        video: "https://example.com/video.mp4",
        audio: "https://example.com/audio.mp3",
        maxJobs: "3",
        replyUrl: "https://your-callback-url.com/webhook",
        replyRef: "your-reference-id",
      }),
    ).toEqual({
      email: "jane@example.com",
      video: "https://example.com/video.mp4",
      audio: "https://example.com/audio.mp3",
      maxJobs: 3,
      replyUrl: "https://your-callback-url.com/webhook",
      replyRef: "your-reference-id",
    });
  });
});

describe("upload failures", () => {
  it("turns a timed-out upload into 408 and a client abort into 400", async () => {
    const { toUploadError } = await import("@/lib/api/http/to-upload-error");
    const timedOut = AbortSignal.timeout(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(toApiError(toUploadError(new Error("aborted"), timedOut)).status).toBe(408);
    const controller = new AbortController();
    controller.abort(new Error("client went away"));
    expect(toApiError(toUploadError(new Error("aborted"), controller.signal)).toBody()).toEqual({
      error: "The upload was interrupted before it completed; nothing was kept.",
    });
    const other = new Error("disk full");
    expect(toUploadError(other, new AbortController().signal)).toBe(other);
  });
});
