import type { Metadata } from "next";
import { NewTaskForm } from "@/components/new-task/new-task-form";
import { requireUser } from "@/lib/auth/require-user";
import { loadNewTaskOptions } from "@/lib/studio/new-task/load-new-task-options";

export const metadata: Metadata = { title: "New lip sync · Lipsync Studio" };

/** The form most users start from: a video with a face and a speech track make a new task. */
export default async function NewTaskPage() {
  const user = await requireUser();
  const options = await loadNewTaskOptions(user.id);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">New lip sync</h1>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          Choose a video that shows a face and the speech it should say. You get the same video with the mouth following the speech.
        </p>
      </div>
      <NewTaskForm options={options} />
    </div>
  );
}
