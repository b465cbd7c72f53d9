"use client";

import { AudioLines, EyeOff } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import type { MediaKind } from "@/lib/studio/new-task/media-kind";

/**
 * Plays the chosen local file and reports its duration, or that the browser cannot read it.
 * A Content-Security-Policy without blob: in media-src blocks object URLs: that is no fault of
 * the file, so the preview is skipped and the server checks the file instead.
 */
export function MediaPreview({ kind, src, onDuration, onUnreadable }: { kind: MediaKind; src: string; onDuration: (seconds: number) => void; onUnreadable: () => void }) {
  const [blocked, setBlocked] = useState(false);
  const blockedRef = useRef(false);

  useEffect(() => {
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.effectiveDirective === "media-src" && event.blockedURI.startsWith("blob")) blockedRef.current = true;
    };
    document.addEventListener("securitypolicyviolation", onViolation);
    return () => document.removeEventListener("securitypolicyviolation", onViolation);
  }, []);

  // The violation event may come just after the error event.
  const onError = () => setTimeout(() => (blockedRef.current ? setBlocked(true) : onUnreadable()), 50);
  const onLoadedMetadata = (event: { currentTarget: HTMLMediaElement }) => onDuration(event.currentTarget.duration);

  if (blocked) {
    return (
      <div className="flex h-full flex-col items-center justify-center gap-2 rounded-lg border border-stone-200 bg-stone-50 p-4 text-center text-sm text-stone-500 dark:border-stone-800 dark:bg-stone-950/40 dark:text-stone-400">
        <EyeOff aria-hidden className="size-6" />
        Preview not available. The file is checked when you start.
      </div>
    );
  }
  if (kind === "video") {
    return <video controls preload="metadata" src={src} onLoadedMetadata={onLoadedMetadata} onError={onError} className="h-full w-full rounded-lg bg-black object-contain" />;
  }
  return (
    <div className="flex h-full flex-col items-center justify-center gap-4 rounded-lg border border-stone-200 bg-stone-50 p-4 dark:border-stone-800 dark:bg-stone-950/40">
      <AudioLines aria-hidden className="size-10 text-sky-600 dark:text-sky-400" />
      <audio controls preload="metadata" src={src} onLoadedMetadata={onLoadedMetadata} onError={onError} className="w-full max-w-sm" />
    </div>
  );
}
