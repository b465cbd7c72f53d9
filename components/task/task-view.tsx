"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleSlash, Download, FileQuestion, LoaderCircle, VideoOff } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { StatusBadge } from "@/components/tasks/status-badge";
import { buttonClass } from "@/components/ui/button";
import type { ShareView } from "@/lib/studio/share/schemas";
import type { TaskDelivery } from "@/lib/studio/task-detail/find-task-deliveries";
import type { TaskSnapshot } from "@/lib/studio/task-detail/find-task-snapshot";
import { ApiCommands } from "./api-commands";
import { DeleteTaskButton } from "./delete-task-button";
import { EmptyMedia } from "./empty-media";
import { ResultProgress } from "./result-progress";
import { SharePanel } from "./share-panel";
import { SyncedPlayers } from "./synced-players";
import { TaskFacts } from "./task-facts";
import { TaskFailure } from "./task-failure";
import { WebhookDeliveries } from "./webhook-deliveries";

const POLL_MS = 1500;

async function fetchSnapshot(taskId: number): Promise<TaskSnapshot> {
  const response = await fetch(`/api/studio/tasks/${taskId}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`The task could not be loaded (HTTP ${response.status}).`);
  return response.json();
}

const isRunning = (snapshot: TaskSnapshot) => snapshot.task.status === "submitted" || snapshot.task.status === "processing";
/** Polled while the task runs, and while the original's playable preview is being made. */
const isChanging = (snapshot: TaskSnapshot) => isRunning(snapshot) || snapshot.task.videoPreview === "pending";

/** One task: its videos played together, live progress while it runs, sharing, the API equivalent, webhooks. */
export function TaskView({
  initial,
  share,
  deliveries,
  commands,
}: {
  initial: TaskSnapshot;
  share: ShareView | null;
  deliveries: TaskDelivery[];
  commands: string;
}) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ["studio-task", initial.task.id],
    queryFn: () => fetchSnapshot(initial.task.id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isChanging(query.state.data) ? POLL_MS : false),
  });
  const { task, sizes } = data;

  // A new status brings new webhook deliveries and, once done, sharing: fetch the server parts again.
  const lastStatus = useRef(task.status);
  useEffect(() => {
    if (lastStatus.current === task.status) return;
    lastStatus.current = task.status;
    router.refresh();
  }, [task.status, router]);

  const aspectRatio = task.width && task.height ? `${task.width} / ${task.height}` : "16 / 9";
  const running = task.status === "submitted" || task.status === "processing";

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="flex items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{`Task ${task.id}`}</h1>
          <StatusBadge status={task.status} />
        </div>
        <div className="flex flex-wrap gap-2">
          {task.status === "succeed" && task.resultPath && (
            <a href={`/api/studio/tasks/${task.id}/download`} download className={buttonClass("primary")}>
              <Download aria-hidden className="size-4" />
              Download
            </a>
          )}
          <DeleteTaskButton taskId={task.id} running={running} />
        </div>
      </div>

      {task.status === "failed" && <TaskFailure error={task.error} errorCode={task.errorCode} />}

      <SyncedPlayers
        originalSrc={task.videoPath}
        originalPreviewSrc={task.videoPreviewPath}
        originalUnplayable={
          task.videoPreview === "pending" ? (
            <EmptyMedia icon={<LoaderCircle aria-hidden className="size-6 animate-spin motion-reduce:animate-none" />}>
              This browser cannot play the video’s format (HEVC, for example). The server is converting it: a playable preview appears here in a moment.
            </EmptyMedia>
          ) : (
            <EmptyMedia icon={<VideoOff aria-hidden className="size-6" />}>
              {task.videoPreview === "failed"
                ? "This browser cannot play the video’s format, and the server could not convert it."
                : "This browser cannot play the video’s format."}{" "}
              {task.videoPath && (
                <a href={task.videoPath} download className="font-medium underline underline-offset-2">
                  Download the original
                </a>
              )}
            </EmptyMedia>
          )
        }
        resultSrc={task.status === "succeed" ? task.resultPath : null}
        poster={task.coverPath}
        aspectRatio={aspectRatio}
        originalFallback={
          <EmptyMedia icon={<FileQuestion aria-hidden className="size-6" />}>
            {running ? "The original appears here once a worker has fetched it." : "The original is not stored here."}
          </EmptyMedia>
        }
        resultFallback={
          running ? (
            <ResultProgress status={task.status} stage={task.stage} progress={task.progress} />
          ) : (
            <EmptyMedia icon={<CircleSlash aria-hidden className="size-6" />}>No result</EmptyMedia>
          )
        }
      />

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="flex min-w-0 flex-col gap-6">
          {task.status === "succeed" && <SharePanel key={share?.slug ?? "none"} taskId={task.id} initialShare={share} hasOriginal={Boolean(task.videoPath)} />}
          <ApiCommands commands={commands} />
          {task.replyUrl && <WebhookDeliveries replyUrl={task.replyUrl} deliveries={deliveries} />}
        </div>
        <TaskFacts task={task} sizes={sizes} />
      </div>
    </div>
  );
}
