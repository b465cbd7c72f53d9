"use client";

import { AudioLines, EyeOff } from "lucide-react";
import { useRef, useState } from "react";
import { usePlayableSrc } from "@/components/task/use-playable-src";
import type { MediaKind } from "@/lib/studio/new-task/media-kind";

const frame = "rounded-lg border border-stone-200 bg-stone-50 dark:border-stone-800 dark:bg-stone-950/40";

function NoPreview({ children }: { children: string }) {
  return (
    <div role="note" className={`flex h-full flex-col items-center justify-center gap-2 p-4 text-center text-sm text-stone-600 dark:text-stone-400 ${frame}`}>
      <EyeOff aria-hidden className="size-6" />
      {children}
    </div>
  );
}

/**
 * Plays the chosen local file and reports its duration. A file the browser cannot play (a codec
 * it lacks, such as HEVC, or a Content-Security-Policy without blob: in media-src) is not refused
 * here: its bytes were already checked, the server reads it, and the task page shows the server's
 * playable copy. Uploading it now only to preview it would send a file the user may still change.
 */
export function MediaPreview({ kind, src, onDuration }: { kind: MediaKind; src: string; onDuration: (seconds: number) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const playable = usePlayableSrc(video, src, null);
  const [audioFailed, setAudioFailed] = useState(false);
  const onLoadedMetadata = (event: { currentTarget: HTMLMediaElement }) => onDuration(event.currentTarget.duration);

  if (kind === "video") {
    if (playable.unplayable) {
      return (
        <NoPreview>
          This browser cannot play this video’s format (HEVC, for example), so there is no preview here. The server can read it: start the lip sync, and
          the task page shows a playable copy of it.
        </NoPreview>
      );
    }
    return (
      <video
        ref={video}
        controls
        preload="metadata"
        src={src}
        aria-label="Video preview"
        onError={playable.events.onError}
        onLoadedMetadata={(event) => {
          playable.events.onLoadedMetadata(event);
          onLoadedMetadata(event);
        }}
        className="h-full w-full rounded-lg bg-black object-contain"
      />
    );
  }
  if (audioFailed) return <NoPreview>This browser cannot play this file’s format, so there is no preview here. The server can read it: it is checked again when you start.</NoPreview>;
  return (
    <div className={`flex h-full flex-col items-center justify-center gap-4 p-4 ${frame}`}>
      <AudioLines aria-hidden className="size-10 text-sky-600 dark:text-sky-400" />
      <audio controls preload="metadata" src={src} onLoadedMetadata={onLoadedMetadata} onError={() => setAudioFailed(true)} className="w-full max-w-sm" />
    </div>
  );
}
