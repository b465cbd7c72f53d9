"use client";

import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { MediaKind } from "@/lib/studio/new-task/media-kind";

/** The progress of one file's upload, with a Cancel button that aborts it. */
export function UploadProgress({ kind, percent, onCancel }: { kind: MediaKind; percent: number; onCancel: () => void }) {
  const rounded = Math.round(percent);
  return (
    <div className="flex items-center gap-3">
      <ProgressBar value={rounded} label={`Uploading ${kind}`} className="flex-1" />
      <span className="w-10 text-right text-sm tabular-nums text-stone-600 dark:text-stone-400">{rounded}%</span>
      <Button variant="ghost" onClick={onCancel} className="min-h-8 px-2">
        Cancel
      </Button>
    </div>
  );
}
