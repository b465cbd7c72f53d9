"use client";

import { type RefObject, useEffect, useState } from "react";

/** Past this gap (seconds) the follower jumps; below it, it catches up by playing faster or slower (muted: no pitch to hear). */
const SEEK_GAP = 0.25;
const NUDGE_GAP = 0.03;
/** Playback rate change per second of gap: 0.1 s behind plays at 1.2x and closes it in about half a second. */
const NUDGE_GAIN = 2;
/** A seek closer than this to the other video is our own echo, not the viewer's. */
const ECHO_GAP = 0.15;

/**
 * Keeps two videos together: playing, pausing or seeking either one drives the other, and while
 * they play the follower is kept within ~0.1 s of the leader (the one with the sound).
 * Returns whether they are playing. Does nothing until both elements exist.
 */
export function useSyncedVideos(leaderRef: RefObject<HTMLVideoElement | null>, followerRef: RefObject<HTMLVideoElement | null>, key: string): boolean {
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    const leader = leaderRef.current;
    const follower = followerRef.current;
    if (!leader) return;
    const videos = follower ? [leader, follower] : [leader];
    const other = (video: HTMLVideoElement) => (video === leader ? follower : leader);
    const seekTo = (video: HTMLVideoElement, time: number) => {
      if (Math.abs(video.currentTime - time) > 0.01) video.currentTime = time;
    };

    const onPlay = (event: Event) => {
      const video = event.currentTarget as HTMLVideoElement;
      setPlaying(true);
      const peer = other(video);
      if (peer?.paused) {
        seekTo(peer, video.currentTime);
        peer.play().catch(() => undefined);
      }
    };
    const onPause = (event: Event) => {
      const video = event.currentTarget as HTMLVideoElement;
      const peer = other(video);
      if (peer && !peer.paused) peer.pause();
      // Paused on the same frame, so the two pictures compare.
      if (peer) seekTo(peer, video.currentTime);
      setPlaying(videos.some((video) => !video.paused));
    };
    const onSeeking = (event: Event) => {
      const video = event.currentTarget as HTMLVideoElement;
      const peer = other(video);
      if (peer && Math.abs(peer.currentTime - video.currentTime) > ECHO_GAP) seekTo(peer, video.currentTime);
    };

    const listeners: Array<[string, (event: Event) => void]> = [
      ["play", onPlay],
      ["pause", onPause],
      ["ended", onPause],
      ["seeking", onSeeking],
    ];
    for (const video of videos) for (const [name, listener] of listeners) video.addEventListener(name, listener);

    const timer = window.setInterval(() => {
      if (!follower || leader.paused || follower.paused || leader.seeking || follower.seeking) return;
      const gap = follower.currentTime - leader.currentTime;
      if (Math.abs(gap) > SEEK_GAP) {
        seekTo(follower, leader.currentTime);
        follower.playbackRate = 1;
      } else {
        follower.playbackRate = Math.abs(gap) > NUDGE_GAP ? 1 - NUDGE_GAIN * gap : 1;
      }
    }, 200);

    return () => {
      window.clearInterval(timer);
      for (const video of videos) for (const [name, listener] of listeners) video.removeEventListener(name, listener);
    };
  }, [leaderRef, followerRef, key]);

  return playing;
}
