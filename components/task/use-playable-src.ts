"use client";

import { type RefObject, type SyntheticEvent, useEffect, useState } from "react";

/** Whether the element already showed it cannot play its source: an error, or metadata with a 0x0 picture. */
function cannotPlay(video: HTMLVideoElement): boolean {
  return video.error !== null || (video.readyState >= HTMLMediaElement.HAVE_METADATA && video.videoWidth === 0);
}

/**
 * The source a <video> should play: `src`, or `previewSrc` (a copy the server converted) once the
 * browser showed it cannot play `src`: an error, or a picture of 0x0 (HEVC without a decoder
 * plays its sound only). `unplayable` is true from then on; `src` is null while there is no copy.
 */
export function usePlayableSrc(video: RefObject<HTMLVideoElement | null>, src: string | null, previewSrc: string | null) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const unplayable = src !== null && failedSrc === src;
  const current = unplayable ? previewSrc : src;
  const fail = () => {
    if (src !== null && current === src) setFailedSrc(src);
  };
  // The element may have given up before React attached its listeners (server-rendered pages).
  useEffect(() => {
    if (src !== null && current === src && video.current && cannotPlay(video.current)) setFailedSrc(src);
  }, [video, src, current]);
  return {
    src: current,
    unplayable,
    events: {
      onError: fail,
      onLoadedMetadata: (event: SyntheticEvent<HTMLVideoElement>) => {
        if (cannotPlay(event.currentTarget)) fail();
      },
    },
  };
}
