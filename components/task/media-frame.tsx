import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/** A fixed-ratio box (no layout shift while media loads) with a caption above it. */
export function MediaFrame({ caption, aspectRatio, children, className }: { caption: ReactNode; aspectRatio: string; children: ReactNode; className?: string }) {
  return (
    <figure className={cn("flex min-w-0 flex-col gap-2", className)}>
      <figcaption className="text-sm font-medium text-stone-600 dark:text-stone-400">{caption}</figcaption>
      <div
        className="relative max-h-[70vh] w-full overflow-hidden rounded-xl bg-stone-900 ring-1 ring-stone-200 dark:bg-black dark:ring-stone-800"
        style={{ aspectRatio }}
      >
        {children}
      </div>
    </figure>
  );
}
