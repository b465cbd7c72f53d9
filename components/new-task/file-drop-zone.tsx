"use client";

import { CloudUpload } from "lucide-react";
import { type DragEvent, useState } from "react";
import { cn } from "@/lib/cn";

/** A large button that opens the file picker, and takes a file dropped on it. */
export function FileDropZone({ prompt, details, invalid, disabled, describedBy, onChoose, onFile }: {
  prompt: string;
  details: string;
  invalid: boolean;
  disabled?: boolean;
  describedBy?: string;
  onChoose: () => void;
  onFile: (file: File) => void;
}) {
  const [dragging, setDragging] = useState(false);

  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled ? "none" : "copy";
    setDragging(!disabled);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };

  return (
    <button
      type="button"
      onClick={onChoose}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      disabled={disabled}
      aria-describedby={describedBy}
      className={cn(
        "flex h-full w-full flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed p-4 text-center transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:cursor-not-allowed",
        dragging
          ? "border-sky-600 bg-sky-50 dark:border-sky-500 dark:bg-sky-950/40"
          : "border-stone-300 hover:border-stone-400 hover:bg-stone-50 dark:border-stone-700 dark:hover:border-stone-600 dark:hover:bg-stone-800/50",
        invalid && !dragging && "border-red-400 dark:border-red-800",
      )}
    >
      <CloudUpload aria-hidden className="size-8 text-stone-400 dark:text-stone-500" />
      <span className="text-sm font-medium">
        {prompt} or <span className="text-sky-700 underline underline-offset-2 dark:text-sky-400">choose a file</span>
      </span>
      <span className="text-xs text-stone-500 dark:text-stone-400">{details}</span>
    </button>
  );
}
