import { cn } from "@/lib/cn";

/** An accessible progress bar; value 0..100. */
export function ProgressBar({ value, label, className }: { value: number; label: string; className?: string }) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800", className)}
    >
      <div className="h-full rounded-full bg-sky-600 transition-[width] duration-500 dark:bg-sky-500" style={{ width: `${percent}%` }} />
    </div>
  );
}
