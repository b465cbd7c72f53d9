import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { StudioTask } from "@/lib/studio/tasks/studio-task";
import type { TaskSnapshot } from "@/lib/studio/task-detail/find-task-snapshot";
import { formatBytes } from "@/lib/format/format-bytes";
import { formatDuration } from "@/lib/format/format-duration";
import { LocalTime } from "./local-time";

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium uppercase tracking-wide text-stone-500 dark:text-stone-400">{term}</dt>
      <dd className="min-w-0 break-words text-sm">{children}</dd>
    </div>
  );
}

function FileFact({ term, name, size }: { term: string; name: string; size: number | null }) {
  return (
    <Fact term={term}>
      <span className="font-medium">{name}</span>
      {size !== null && <span className="text-stone-500 dark:text-stone-400"> · {formatBytes(size)}</span>}
    </Fact>
  );
}

/** The task's inputs, account, times and result figures. */
export function TaskFacts({ task, sizes }: { task: StudioTask; sizes: TaskSnapshot["sizes"] }) {
  return (
    <Card>
      <h2 className="mb-4 text-base font-semibold">Details</h2>
      <dl className="grid gap-4">
        <FileFact term="Video" name={task.videoName} size={sizes.video} />
        <FileFact term="Audio" name={task.audioName} size={sizes.audio} />
        <Fact term="Account">{task.account}</Fact>
        <Fact term="Provider">{task.provider === "useapi" ? "Kling via useapi.net" : "Local engine"}</Fact>
        {task.provider === "useapi" && (
          <Fact term="Upstream task">
            <span data-testid="upstream-task">{task.upstreamTaskId ?? "Not submitted yet"}</span>
            {task.upstreamStatus && <span className="text-stone-500 dark:text-stone-400"> · {task.upstreamStatus}</span>}
          </Fact>
        )}
        <Fact term="Created">
          <LocalTime iso={task.createdAt} />
        </Fact>
        <Fact term="Finished">{task.finishedAt ? <LocalTime iso={task.finishedAt} /> : "Not yet"}</Fact>
        {task.duration !== null && <Fact term="Duration">{formatDuration(task.duration)}</Fact>}
        {task.width !== null && task.height !== null && (
          <Fact term="Resolution">
            {task.width} × {task.height}
          </Fact>
        )}
        {sizes.result !== null && <Fact term="Result size">{formatBytes(sizes.result)}</Fact>}
      </dl>
    </Card>
  );
}
