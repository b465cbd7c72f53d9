import { env } from "@/lib/env";
import { callbackSignature } from "@/lib/useapi/callback-signature";

/**
 * The replyUrl given to useapi.net: our callback, when PUBLIC_BASE_URL says how the internet
 * reaches us (unset: no callback; polling alone follows the task).
 */
export function replyUrlFor(taskId: number): string | undefined {
  if (!env.PUBLIC_BASE_URL) return undefined;
  return `${env.PUBLIC_BASE_URL}/v1/useapi/callback/${taskId}?sig=${callbackSignature(taskId)}`;
}
