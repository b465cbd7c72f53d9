"use client";

import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
/** The progress of the form's uploads (both files together), with a Cancel button that stops them. */
export function UploadProgress({ label, percent, onCancel }: { label: string; percent: number; onCancel: () => void }) {
  const rounded = Math.round(percent);
  return (
    <div className="flex items-center gap-3">
      <ProgressBar value={rounded} label={label} className="flex-1" />
      <span className="w-10 text-right text-sm tabular-nums text-stone-600 dark:text-stone-400">{rounded}%</span>
      <Button variant="ghost" onClick={onCancel} className="min-h-8 px-2">
        Cancel
      </Button>
    </div>
  );
}
