import { createHmac } from "node:crypto";
import { secretsKey } from "@/lib/secrets/secrets-key";

/** The signature in a task's useapi callback URL, so only useapi (who was given the URL) can trigger its early poll. */
export function callbackSignature(taskId: number): string {
  return createHmac("sha256", secretsKey()).update(`useapi-callback:${taskId}`).digest("base64url").slice(0, 32);
}
