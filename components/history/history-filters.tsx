"use client";

import { Search } from "lucide-react";
import { type FormEvent, useEffect, useState } from "react";
import { inputClass } from "@/components/ui/field";
import type { TaskStatusName } from "@/lib/api/tasks/schemas";
import { cn } from "@/lib/cn";
import { MAX_SEARCH_LENGTH, type StudioTaskQuery } from "@/lib/studio/tasks/studio-task-query";

const STATUS_OPTIONS: Array<{ value: TaskStatusName | ""; label: string }> = [
  { value: "", label: "All" },
  { value: "submitted", label: "Queued" },
  { value: "processing", label: "Processing" },
  { value: "succeed", label: "Done" },
  { value: "failed", label: "Failed" },
];

const SEARCH_DEBOUNCE_MS = 300;

/** Status and search; a plain GET form without JavaScript, live (debounced) with it. */
export function HistoryFilters({ query, onChange }: { query: StudioTaskQuery; onChange: (next: StudioTaskQuery, mode: "push" | "replace") => void }) {
  const [text, setText] = useState(query.q);
  const [shownQ, setShownQ] = useState(query.q);
  // Back, forward or "Clear filters" changed the URL: show its search (but keep what is being typed).
  if (query.q !== shownQ) {
    setShownQ(query.q);
    if (query.q !== text.trim()) setText(query.q);
  }

  useEffect(() => {
    const q = text.trim();
    if (q === query.q) return;
    const timer = setTimeout(() => onChange({ ...query, q, page: 1 }, "replace"), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, query, onChange]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange({ ...query, q: text.trim(), page: 1 }, "push");
  }

  return (
    <form role="search" action="/tasks" method="get" onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <div className="flex flex-col gap-1.5 sm:w-44">
        <label htmlFor="history-status" className="text-sm font-medium">
          Status
        </label>
        <select
          id="history-status"
          name="status"
          value={query.status ?? ""}
          onChange={(event) => onChange({ ...query, status: (event.target.value || undefined) as TaskStatusName | undefined, page: 1 }, "push")}
          className={cn(inputClass, "pr-8")}
        >
          {STATUS_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-1 flex-col gap-1.5">
        <label htmlFor="history-search" className="text-sm font-medium">
          Search
        </label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-stone-400" />
          <input
            id="history-search"
            name="q"
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            maxLength={MAX_SEARCH_LENGTH}
            placeholder="Task number or file name"
            autoComplete="off"
            className={cn(inputClass, "pl-9")}
          />
        </div>
      </div>
    </form>
  );
}
