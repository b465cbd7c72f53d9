"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import type { StudioTaskQuery } from "@/lib/studio/tasks/studio-task-query";
import { QueryLink } from "./query-link";

const disabledClass = cn(buttonClass("secondary"), "pointer-events-none opacity-50");

export function HistoryPagination({ query, page, pageCount, onNavigate }: {
  query: StudioTaskQuery;
  page: number;
  pageCount: number;
  onNavigate: (next: StudioTaskQuery) => void;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-4">
      {page > 1 ? (
        <QueryLink query={{ ...query, page: page - 1 }} onNavigate={onNavigate} rel="prev" className={buttonClass("secondary")}>
          <ChevronLeft aria-hidden className="size-4" />
          Previous
        </QueryLink>
      ) : (
        <span aria-disabled="true" className={disabledClass}>
          <ChevronLeft aria-hidden className="size-4" />
          Previous
        </span>
      )}
      <p className="text-sm text-stone-600 tabular-nums dark:text-stone-400">
        Page {page} of {pageCount}
      </p>
      {page < pageCount ? (
        <QueryLink query={{ ...query, page: page + 1 }} onNavigate={onNavigate} rel="next" className={buttonClass("secondary")}>
          Next
          <ChevronRight aria-hidden className="size-4" />
        </QueryLink>
      ) : (
        <span aria-disabled="true" className={disabledClass}>
          Next
          <ChevronRight aria-hidden className="size-4" />
        </span>
      )}
    </nav>
  );
}
