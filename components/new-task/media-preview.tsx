"use client";

import { AudioLines, EyeOff } from "lucide-react";
import { useState } from "react";
import type { MediaKind } from "@/lib/studio/new-task/media-kind";

const frame = "rounded-lg border border-stone-200 bg-stone-50 dark:border-stone-800 dark:bg-stone-950/40";

/**
 * Plays the chosen local file and reports its duration. A file the browser cannot play (a
 * codec it lacks, or a Content-Security-Policy without blob: in media-src) is not refused
 * here: its bytes were already checked, and the server probes it.
 */
export function MediaPreview({ kind, src, onDuration }: { kind: MediaKind; src: string; onDuration: (seconds: number) => void }) {
  const [failed, setFailed] = useState(false);
  const onLoadedMetadata = (event: { currentTarget: HTMLMediaElement }) => onDuration(event.currentTarget.duration);

  if (failed) {
    return (
      <div className={`flex h-full flex-col items-center justify-center gap-2 p-4 text-center text-sm text-stone-500 dark:text-stone-400 ${frame}`}>
        <EyeOff aria-hidden className="size-6" />
        This browser cannot preview the file. It is checked again when you start.
      </div>
    );
  }
  if (kind === "video") {
    return (
      <video controls preload="metadata" src={src} onLoadedMetadata={onLoadedMetadata} onError={() => setFailed(true)} className="h-full w-full rounded-lg bg-black object-contain" />
    );
  }
  return (
    <div className={`flex h-full flex-col items-center justify-center gap-4 p-4 ${frame}`}>
      <AudioLines aria-hidden className="size-10 text-sky-600 dark:text-sky-400" />
      <audio controls preload="metadata" src={src} onLoadedMetadata={onLoadedMetadata} onError={() => setFailed(true)} className="w-full max-w-sm" />
    </div>
  );
}
