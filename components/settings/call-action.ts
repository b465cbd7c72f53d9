import type { ActionResult } from "@/lib/studio/run-studio-action";

/** Calls a server action; a network failure or server crash becomes an error result the form can show. */
export async function callAction<T>(action: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await action();
  } catch {
    return { ok: false, error: "Could not reach the server. Check your connection and try again." };
  }
}
