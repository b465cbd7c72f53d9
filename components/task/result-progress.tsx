import { LoaderCircle } from "lucide-react";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { TaskStatusName } from "@/lib/api/tasks/schemas";
import { describeStage } from "@/lib/studio/task-detail/describe-stage";

/** The result's place while the task waits or runs: the stage in words and the progress. */
export function ResultProgress({ status, stage, progress }: { status: TaskStatusName; stage: string | null; progress: number }) {
  const percent = Math.round(progress);
  const words = describeStage(status, stage);
  return (
    <div className="absolute inset-0 flex flex-col items-center justify-center gap-4 bg-stone-100 p-6 text-stone-700 dark:bg-stone-900 dark:text-stone-300">
      <LoaderCircle aria-hidden className="size-8 animate-spin text-sky-600 motion-reduce:animate-none dark:text-sky-400" />
      <div className="flex w-full max-w-xs flex-col gap-2">
        <p className="flex items-baseline justify-between gap-4 text-sm" aria-hidden>
          <span className="font-medium">{words}</span>
          <span className="tabular-nums text-stone-500 dark:text-stone-400">{percent}%</span>
        </p>
        <ProgressBar value={percent} label="Task progress" />
        {/* Announced at each stage and every 10%, not at every poll. */}
        <p aria-live="polite" className="sr-only">
          {`${words}, ${Math.floor(percent / 10) * 10}%`}
        </p>
      </div>
    </div>
  );
}
