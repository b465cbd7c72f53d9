"use client";

import { Crosshair, X } from "lucide-react";
import { type MouseEvent, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { checkMediaUrl } from "@/lib/studio/new-task/check-media-url";
import type { FacePoint } from "@/lib/studio/new-task/parse-new-task-input";
import type { MediaState } from "./media-state";
import { useObjectUrl } from "./use-object-url";

const percent = (value: number) => `${Math.round(value * 100)}%`;

/**
 * "Which face": the chosen video's first frame; a click on a face marks it (as fractions of the
 * picture, the API's facePoint), Clear removes the mark. Shown once a video is chosen.
 */
export function FacePointPicker({ video, value, onChange, disabled }: { video: MediaState; value: FacePoint | null; onChange: (point: FacePoint | null) => void; disabled?: boolean }) {
  const fileUrl = useObjectUrl(video.mode === "upload" ? video.file : null);
  const src = video.mode === "upload" ? fileUrl : !video.url.trim() || checkMediaUrl(video.url) ? null : video.url.trim();
  // A point belongs to the picture it was chosen on: another video clears it.
  const shown = useRef(src);
  useEffect(() => {
    if (shown.current === src) return;
    shown.current = src;
    if (value) onChange(null);
  }, [src, value, onChange]);
  if (!src) return null;

  const pick = (event: MouseEvent<HTMLButtonElement>) => {
    // Enter or Space on the focused picture carries no position: nothing to choose.
    if (event.detail === 0) return;
    const box = event.currentTarget.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, Math.round(v * 10_000) / 10_000));
    onChange({ x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) });
  };

  return (
    <Card className="flex flex-col gap-3">
      <div>
        <h2 className="text-sm font-medium">Which face (optional)</h2>
        <p className="text-xs text-stone-500 dark:text-stone-400">
          When the video shows several people, click the face to sync. Without a choice the largest face is synced.
        </p>
      </div>
      <div className="relative mx-auto w-fit">
        {/* A replaced element with max sizes keeps its aspect ratio: the box is exactly the picture. */}
        <video src={src} preload="auto" muted playsInline className="block max-h-72 max-w-full rounded-lg bg-black" aria-hidden />
        <button
          type="button"
          aria-label="Choose the face to sync: click on it in the picture"
          disabled={disabled}
          onClick={pick}
          className="absolute inset-0 cursor-crosshair rounded-lg focus-visible:outline-2 focus-visible:outline-sky-600 disabled:cursor-not-allowed"
        />
        {value && (
          <span
            data-testid="face-point-marker"
            aria-hidden
            className="pointer-events-none absolute size-7 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white bg-sky-600/40 shadow-[0_0_0_2px_rgb(2_132_199)]"
            style={{ left: percent(value.x), top: percent(value.y) }}
          />
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Crosshair aria-hidden className="size-4 text-stone-500" />
        <span role="status" className="text-stone-600 dark:text-stone-400">
          {value ? `Face chosen at ${percent(value.x)} across, ${percent(value.y)} down.` : "No face chosen: the largest face is synced."}
        </span>
        {value && (
          <Button type="button" variant="secondary" disabled={disabled} onClick={() => onChange(null)}>
            <X aria-hidden className="size-4" /> Clear
          </Button>
        )}
      </div>
    </Card>
  );
}
