import type { StudioTaskPage } from "@/lib/studio/tasks/list-studio-tasks";
import { type StudioTaskQuery, toTaskSearchParams } from "@/lib/studio/tasks/studio-task-query";
import type { StudioTask } from "@/lib/studio/tasks/studio-task";

/** Polling while something runs shows progress live; the slow rate still picks up tasks made elsewhere. */
export const ACTIVE_POLL_MS = 2_000;
export const IDLE_POLL_MS = 15_000;

/** Shared by the server page (which fills it) and the client list (which polls it). */
export function studioTasksKey(query: StudioTaskQuery) {
  return ["studio-tasks", query.status ?? "all", query.q, query.page] as const;
}

export function isActive(task: Pick<StudioTask, "status">): boolean {
  return task.status === "submitted" || task.status === "processing";
}

export async function fetchStudioTasks(query: StudioTaskQuery, signal?: AbortSignal): Promise<StudioTaskPage> {
  const response = await fetch(`/api/studio/tasks?${toTaskSearchParams(query)}`, { signal, cache: "no-store" });
  if (response.status === 401) throw new Error("Your session has ended. Reload the page to sign in again.");
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `Could not load your tasks (HTTP ${response.status}). Retrying…`);
  }
  return response.json();
}
