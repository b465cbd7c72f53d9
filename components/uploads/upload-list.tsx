"use client";

import { AudioLines, Trash2, Video } from "lucide-react";
import Link from "next/link";
import { useState, useTransition } from "react";
import { deleteUploadAction } from "@/app/(studio)/uploads/actions";
import { callAction } from "@/components/settings/call-action";
import { LocalTime } from "@/components/task/local-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatBytes } from "@/lib/format/format-bytes";
import type { StudioUpload } from "@/lib/studio/uploads/list-uploads";

function UsedBy({ upload }: { upload: StudioUpload }) {
  if (upload.taskIds.length === 0) return <>No task uses it.</>;
  return (
    <>
      Used by{" "}
      {upload.taskIds.map((id, index) => (
        <span key={id}>
          {index > 0 && ", "}
          <Link href={`/tasks/${id}`} className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
            task {id}
          </Link>
        </span>
      ))}
      {upload.inUse && " (not finished)"}
    </>
  );
}

/** The uploads, each with its size, date, the tasks using it and a Delete button (confirmed first). */
export function UploadList({ uploads }: { uploads: StudioUpload[] }) {
  const [deleting, setDeleting] = useState<StudioUpload | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  if (uploads.length === 0) {
    return (
      <Card>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          No uploads yet. Files you choose on{" "}
          <Link href="/new" className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
            New lip sync
          </Link>{" "}
          appear here.
        </p>
      </Card>
    );
  }

  const remove = (upload: StudioUpload) => {
    setDeleting(null);
    setError(null);
    startTransition(async () => {
      const result = await callAction(() => deleteUploadAction({ assetId: upload.id }));
      if (!result.ok) setError(result.error);
    });
  };

  return (
    <div className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      <ul aria-label="Your uploads" className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
        {uploads.map((upload) => {
          const Icon = upload.type === "video" ? Video : AudioLines;
          return (
            <li key={upload.id} className="flex flex-col gap-3 p-3 sm:flex-row sm:items-center sm:gap-4 sm:px-4">
              <div className="relative flex aspect-video w-28 shrink-0 items-center justify-center overflow-hidden rounded-lg bg-stone-100 ring-1 ring-stone-200 ring-inset dark:bg-stone-800 dark:ring-stone-700">
                {upload.posterPath ? (
                  <img src={upload.posterPath} alt="" loading="lazy" className="absolute inset-0 size-full object-cover" />
                ) : (
                  <Icon aria-hidden className="size-6 text-stone-400 dark:text-stone-500" />
                )}
              </div>
              <div className="flex min-w-0 flex-1 flex-col gap-0.5 text-sm">
                <a href={upload.path} target="_blank" rel="noopener" className="truncate font-medium hover:underline" title={upload.fileName}>
                  {upload.fileName}
                </a>
                <p className="text-stone-500 dark:text-stone-400">
                  {upload.type === "video" ? "Video" : "Audio"} · {formatBytes(upload.size)} · <LocalTime iso={upload.createdAt} />
                </p>
                <p className="text-stone-500 dark:text-stone-400">
                  <UsedBy upload={upload} />
                </p>
              </div>
              <Button variant="secondary" onClick={() => setDeleting(upload)} disabled={pending || upload.inUse} className="self-start sm:self-center">
                <Trash2 aria-hidden className="size-4" />
                Delete
                <span className="sr-only"> {upload.fileName}</span>
              </Button>
            </li>
          );
        })}
      </ul>
      {deleting && (
        <ConfirmDialog title={`Delete ${deleting.fileName}?`} confirmLabel="Delete file" onConfirm={() => remove(deleting)} onCancel={() => setDeleting(null)}>
          The file is deleted for good.
          {deleting.taskIds.length > 0 && " The tasks that used it keep their results, but no longer show their original."}
        </ConfirmDialog>
      )}
    </div>
  );
}
