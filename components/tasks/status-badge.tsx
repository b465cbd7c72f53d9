import type { TaskStatusName } from "@/lib/api/tasks/schemas";
import { cn } from "@/lib/cn";

const looks: Record<TaskStatusName, { label: string; className: string }> = {
  submitted: { label: "Queued", className: "bg-stone-100 text-stone-700 ring-stone-300 dark:bg-stone-800 dark:text-stone-300 dark:ring-stone-700" },
  processing: { label: "Processing", className: "bg-sky-50 text-sky-800 ring-sky-300 dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-800" },
  succeed: { label: "Done", className: "bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-800" },
  failed: { label: "Failed", className: "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-300 dark:ring-red-800" },
};

export function statusLabel(status: TaskStatusName): string {
  return looks[status].label;
}

export function StatusBadge({ status, className }: { status: TaskStatusName; className?: string }) {
  const look = looks[status];
  return (
    <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", look.className, className)} data-status={status}>
      {look.label}
    </span>
  );
}
