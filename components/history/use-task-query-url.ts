"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { type StudioTaskQuery, studioTaskUrlQuerySchema, toTaskSearchParams } from "@/lib/studio/tasks/studio-task-query";

export function taskQueryHref(query: StudioTaskQuery): string {
  const params = toTaskSearchParams(query).toString();
  return params ? `/tasks?${params}` : "/tasks";
}

/**
 * The history's filters live in the URL (?status=&q=&page=), so they survive reload and back.
 * Changing them writes the URL through the History API: Next.js keeps useSearchParams in step
 * without a server round trip, and react-query fetches the new page.
 */
export function useTaskQueryUrl() {
  const search = useSearchParams().toString();
  const query = useMemo(() => studioTaskUrlQuerySchema.parse(Object.fromEntries(new URLSearchParams(search))), [search]);
  const navigate = useCallback((next: StudioTaskQuery, mode: "push" | "replace" = "push") => {
    const href = taskQueryHref(next);
    if (mode === "push") window.history.pushState(null, "", href);
    else window.history.replaceState(null, "", href);
  }, []);
  return { query, navigate };
}
