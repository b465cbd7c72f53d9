import type { ReactNode } from "react";

/** What a media box shows when there is no video to play. */
export function EmptyMedia({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <div className="absolute inset-0 flex flex-col items-center justify-center gap-2 bg-stone-100 p-6 text-center text-sm text-stone-600 dark:bg-stone-900 dark:text-stone-400">
      {icon}
      {children}
    </div>
  );
}
