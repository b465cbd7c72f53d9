import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ApiError, RESOURCE_NOT_FOUND } from "@/lib/api/errors";
import type { MediaInput } from "@/lib/api/tasks/resolve-media-input";
import { env } from "@/lib/env";
import { isLipsyncError } from "@/lib/lipsync/errors";
import { assertVideoSize, DEFAULT_MAX_DIMENSION } from "@/lib/lipsync/media/assert-video-size";
import { probeMedia } from "@/lib/lipsync/media/probe";
import { getStorage } from "@/lib/storage";

/**
 * Checks a file we hold before a task is created, so the client hears at once (400) what the
 * engine would otherwise fail on later: no video or audio stream, unreadable, a video over
 * LIPSYNC_MAX_DURATION_SECONDS or of an unsupported picture size. Outside URLs are checked by the
 * worker once downloaded.
 */
export async function checkLocalMedia(name: "video" | "audio", input: MediaInput, signal?: AbortSignal): Promise<void> {
  if (!input.local) return;
  if (name === "video" && input.contentType.startsWith("audio/")) {
    throw new ApiError("bad_request", `Parameter video is an audio file (${input.fileName}): send a video that shows a face.`);
  }
  const storage = getStorage();
  if (!(await storage.stat(input.storageKey))) throw new ApiError("not_found", RESOURCE_NOT_FOUND);
  let info;
  const scratchDir = path.join(tmpdir(), `lipsync-probe-${randomUUID()}`);
  try {
    info = await probeMedia(await storage.localFile(input.storageKey, scratchDir, signal), name, signal);
    if (name === "video" && info.video) assertVideoSize(info.video.width, info.video.height, DEFAULT_MAX_DIMENSION);
  } catch (error) {
    if (isLipsyncError(error)) throw new ApiError("bad_request", `Parameter ${name}: ${error.message}`);
    throw error;
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
  const limit = env.LIPSYNC_MAX_DURATION_SECONDS;
  const duration = info.video?.duration ?? info.duration;
  if (name === "video" && duration > limit + 0.05) {
    throw new ApiError(
      "bad_request",
      `Parameter video is ${duration.toFixed(1)} s long: video cannot be longer than ${limit} seconds. Trim it and try again.`,
    );
  }
}
