"use client";

import { Pause, Play } from "lucide-react";
import { type ReactNode, useRef } from "react";
import { Button } from "@/components/ui/button";
import { MediaFrame } from "./media-frame";
import { usePlayableSrc } from "./use-playable-src";
import { useSyncedVideos } from "./use-synced-videos";

const videoClass = "absolute inset-0 size-full object-contain";

/**
 * The original and the result side by side (stacked on phones), played together: one Play
 * button, and playing, pausing or seeking either video moves both. The original is muted: the
 * result carries the new speech. A side without a video shows its `fallback` in the same box.
 * An original this browser cannot play (HEVC, for example) is replaced by `originalPreviewSrc`,
 * the server's H.264 copy, or by `originalUnplayable` while there is none.
 */
export function SyncedPlayers({
  originalSrc,
  originalPreviewSrc = null,
  originalUnplayable,
  resultSrc,
  poster,
  aspectRatio,
  originalFallback,
  resultFallback,
}: {
  originalSrc: string | null;
  originalPreviewSrc?: string | null;
  originalUnplayable?: ReactNode;
  resultSrc: string | null;
  poster?: string | null;
  aspectRatio: string;
  originalFallback?: ReactNode;
  resultFallback?: ReactNode;
}) {
  const original = useRef<HTMLVideoElement>(null);
  const playable = usePlayableSrc(original, originalSrc, originalPreviewSrc);
  const result = useRef<HTMLVideoElement>(null);
  const both = Boolean(playable.src && resultSrc);
  const playing = useSyncedVideos(resultSrc ? result : original, resultSrc ? original : result, `${playable.src}|${resultSrc}`);

  const toggle = () => {
    const leader = resultSrc ? result.current : original.current;
    if (!leader) return;
    if (leader.paused) leader.play().catch(() => undefined);
    else leader.pause();
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="grid gap-4 sm:grid-cols-2">
        <MediaFrame caption={playable.unplayable && playable.src ? "Original (converted preview)" : "Original"} aspectRatio={aspectRatio}>
          {playable.src ? (
            <video
              ref={original}
              src={playable.src}
              {...playable.events}
              aria-label="Original video"
              className={videoClass}
              controls
              muted
              playsInline
              preload="metadata"
            />
          ) : playable.unplayable ? (
            originalUnplayable
          ) : (
            originalFallback
          )}
        </MediaFrame>
        <MediaFrame caption="Result" aspectRatio={aspectRatio}>
          {resultSrc ? (
            <video
              ref={result}
              src={resultSrc}
              poster={poster ?? undefined}
              aria-label="Result video"
              className={videoClass}
              controls
              playsInline
              preload="metadata"
            />
          ) : (
            resultFallback
          )}
        </MediaFrame>
      </div>
      {both && (
        <div className="flex items-center gap-3">
          <Button variant="secondary" onClick={toggle} className="shrink-0 whitespace-nowrap">
            {playing ? <Pause aria-hidden className="size-4" /> : <Play aria-hidden className="size-4" />}
            {playing ? "Pause both" : "Play both"}
          </Button>
          <p className="text-xs text-stone-500 dark:text-stone-400">Playing or seeking either video moves both. The original is muted.</p>
        </div>
      )}
    </div>
  );
}
