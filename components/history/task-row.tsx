import { AudioLines, Clock, Video } from "lucide-react";
import Link from "next/link";
import { StatusBadge } from "@/components/tasks/status-badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { StudioTask } from "@/lib/studio/tasks/studio-task";
import { formatDuration } from "@/lib/format/format-duration";
import { RelativeTime } from "./relative-time";
import { TaskThumbnail } from "./task-thumbnail";
import { isActive } from "./task-list-query";

function FileName({ kind, name }: { kind: "Video" | "Audio"; name: string }) {
  const Icon = kind === "Video" ? Video : AudioLines;
  return (
    <p className="flex min-w-0 items-center gap-1.5 text-sm text-stone-600 dark:text-stone-400" title={name}>
      <Icon aria-hidden className="size-3.5 shrink-0" />
      <span className="sr-only">{kind}: </span>
      <span className="truncate">{name}</span>
    </p>
  );
}

/** One task of the history; the whole row links to its page. On phones it becomes a card. */
export function TaskRow({ task, now }: { task: StudioTask; now: number }) {
  const active = isActive(task);
  return (
    <li>
      <Link
        href={`/tasks/${task.id}`}
        className="flex gap-3 rounded-xl border border-stone-200 bg-white p-3 transition-colors hover:bg-stone-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 sm:gap-4 sm:rounded-none sm:border-0 sm:bg-transparent sm:px-4 dark:border-stone-800 dark:bg-stone-900 dark:hover:bg-stone-800/60 sm:dark:bg-transparent"
      >
        <TaskThumbnail task={task} />
        <div className="flex min-w-0 flex-1 flex-col gap-2 sm:flex-row sm:items-center sm:gap-6">
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">Task {task.id}</span>
              <StatusBadge status={task.status} />
              {task.provider === "useapi" && (
                <span className="text-xs text-stone-500 dark:text-stone-400">
                  Kling via useapi.net{task.upstreamTaskId ? ` · ${task.upstreamTaskId}` : ""}
                  {active && task.upstreamStatus ? ` · ${task.upstreamStatus}` : ""}
                </span>
              )}
            </p>
            <FileName kind="Video" name={task.videoName} />
            <FileName kind="Audio" name={task.audioName} />
            {active && (
              <div className="flex max-w-sm items-center gap-2">
                <ProgressBar value={task.progress} label={`Progress of task ${task.id}`} />
                <span className="w-9 shrink-0 text-right text-xs tabular-nums text-stone-500 dark:text-stone-400">{Math.round(task.progress)}%</span>
              </div>
            )}
            {task.status === "failed" && task.error && <p className="line-clamp-1 text-sm text-red-700 dark:text-red-400">{task.error}</p>}
          </div>
          <div className="flex shrink-0 items-center gap-4 text-sm text-stone-500 sm:w-32 sm:flex-col sm:items-end sm:gap-1 dark:text-stone-400">
            <span className="flex items-center gap-1.5 tabular-nums">
              <Clock aria-hidden className="size-3.5" />
              <span className="sr-only">Duration </span>
              {formatDuration(task.duration)}
            </span>
            <span>
              <span className="sr-only">Created </span>
              <RelativeTime iso={task.createdAt} now={now} />
            </span>
          </div>
        </div>
      </Link>
    </li>
  );
}
