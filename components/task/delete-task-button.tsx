"use client";

import { Trash2 } from "lucide-react";
import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { deleteTaskAction } from "@/app/(studio)/tasks/[id]/actions";
import { Button } from "@/components/ui/button";

/** "Delete task" with a confirmation dialog; the action goes back to the history when done. */
export function DeleteTaskButton({ taskId, running }: { taskId: number; running: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const confirm = () =>
    startTransition(async () => {
      const result = await deleteTaskAction({ taskId });
      if (!result.ok) setError(result.error);
    });

  return (
    <>
      <Button variant="secondary" onClick={() => dialog.current?.showModal()}>
        <Trash2 aria-hidden className="size-4" />
        Delete task
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-task-title"
        aria-describedby="delete-task-text"
        onClose={() => setError(null)}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-stone-200 bg-white p-6 text-stone-900 shadow-xl backdrop:bg-stone-950/50 dark:border-stone-800 dark:bg-stone-900 dark:text-stone-100"
      >
        <h2 id="delete-task-title" className="text-lg font-semibold">
          Delete task {taskId}?
        </h2>
        <p id="delete-task-text" className="mt-2 text-sm text-stone-600 dark:text-stone-400">
          {running ? "The task is still running: it is stopped first. " : ""}
          Its result and share links are deleted for good. Its input files stay in{" "}
          <Link href="/uploads" className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
            Uploads
          </Link>
          , where you can delete them too.
        </p>
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="secondary" autoFocus onClick={() => dialog.current?.close()} disabled={pending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} disabled={pending}>
            {pending ? "Deleting…" : "Delete"}
          </Button>
        </div>
      </dialog>
    </>
  );
}
