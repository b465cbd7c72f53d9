"use client";

import Link from "next/link";
import type { MouseEvent, ReactNode } from "react";
import type { StudioTaskQuery } from "@/lib/studio/tasks/studio-task-query";
import { taskQueryHref } from "./use-task-query-url";

/** A real link to a history URL (new tab, copy link work) that changes the query in place on a plain click. */
export function QueryLink({ query, onNavigate, className, children, ...rest }: {
  query: StudioTaskQuery;
  onNavigate: (next: StudioTaskQuery) => void;
  className?: string;
  children: ReactNode;
  rel?: string;
}) {
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onNavigate(query);
  }
  return (
    <Link href={taskQueryHref(query)} onClick={onClick} className={className} {...rest}>
      {children}
    </Link>
  );
}
