import { timingSafeEqual } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { callbackSignature } from "@/lib/useapi/callback-signature";
import { pollEarly } from "./poll-early";

/** A callback from useapi.net for a task: with the right signature, its next poll runs now. */
export async function triggerUseapiPoll(rawTaskId: string, signature: string): Promise<void> {
  const taskId = /^\d{1,9}$/.test(rawTaskId) ? Number(rawTaskId) : 0;
  const expected = Buffer.from(taskId ? callbackSignature(taskId) : "");
  const given = Buffer.from(signature);
  if (!taskId || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError("not_found", "Unknown callback.");
  }
  await pollEarly(taskId);
}
