import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { StudioError } from "@/lib/studio/studio-error";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string };

/**
 * Runs a studio server action: refusals and invalid input become { ok: false, error } for the
 * form, phrased with the field's label ("Max jobs must be a whole number from 1 to 50"). Anything
 * else is rethrown, so Next.js redirects (requireUser) and real failures keep working.
 */
export async function runStudioAction<T>(run: () => Promise<T>, labels: Record<string, string> = {}): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    if (error instanceof StudioError || error instanceof ApiError) return { ok: false, error: error.message };
    if (error instanceof z.ZodError) {
      const issue = error.issues[0];
      const field = issue?.path.map(String).join(".") ?? "";
      return { ok: false, error: `${labels[field] ?? "The form"} ${issue?.message ?? "is invalid"}.` };
    }
    throw error;
  }
}
