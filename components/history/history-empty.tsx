"use client";

import { Clapperboard, SearchX } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { StudioTaskQuery } from "@/lib/studio/tasks/studio-task-query";
import { QueryLink } from "./query-link";

function EmptyState({ icon, title, children }: { icon: React.ReactNode; title: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-xl border border-dashed border-stone-300 px-6 py-14 text-center dark:border-stone-700">
      {icon}
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
    </div>
  );
}

export function NoTasksYet() {
  return (
    <EmptyState icon={<Clapperboard aria-hidden className="size-8 text-stone-400" />} title="No lip syncs yet">
      <p className="max-w-sm text-sm text-stone-600 dark:text-stone-400">
        Upload a video with a face and a speech track: your lip syncs will be listed here, with their progress.
      </p>
      <Link href="/new" className={buttonClass("primary", "mt-2")}>
        New lip sync
      </Link>
    </EmptyState>
  );
}

export function NoTasksMatch({ onNavigate }: { onNavigate: (next: StudioTaskQuery) => void }) {
  return (
    <EmptyState icon={<SearchX aria-hidden className="size-8 text-stone-400" />} title="No tasks match">
      <p className="max-w-sm text-sm text-stone-600 dark:text-stone-400">
        Try another status, a task number or part of a file name.
      </p>
      <QueryLink query={{ q: "", page: 1 }} onNavigate={onNavigate} className={buttonClass("secondary", "mt-2")}>
        Clear filters
      </QueryLink>
    </EmptyState>
  );
}
