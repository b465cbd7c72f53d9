import { FileQuestion } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function TaskNotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center">
      <FileQuestion aria-hidden className="size-10 text-stone-400" />
      <h1 className="text-xl font-semibold tracking-tight">Task not found</h1>
      <p className="text-sm text-stone-600 dark:text-stone-400">There is no task with this number in your account. It may have been deleted.</p>
      <Link href="/tasks" className={buttonClass("secondary")}>
        Back to the history
      </Link>
    </div>
  );
}
