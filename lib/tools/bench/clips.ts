export interface ClipSpec {
  name: string;
  width: number;
  height: number;
  seconds: number;
  /** A video of ../shared/media used as it is (no scaling, its own codec) with its own speech, instead of the default face clip. */
  shared?: { video: string; speech: string };
}

export const FPS = 30;

/** The test clips, in run order. The 60 s one serves the peak-memory goal. */
export const CLIPS: readonly ClipSpec[] = [
  { name: "480p", width: 854, height: 480, seconds: 10 },
  { name: "720p", width: 1280, height: 720, seconds: 10 },
  { name: "1080p", width: 1920, height: 1080, seconds: 10 },
  { name: "1080p-portrait", width: 1080, height: 1920, seconds: 10 },
  { name: "1080p-60s", width: 1920, height: 1080, seconds: 60 },
  // The hardest real input: a phone-style HEVC portrait with lively head motion.
  { name: "hevc-portrait", width: 1080, height: 1920, seconds: 20, shared: { video: "video/latentsync_demo3_video.mp4", speech: "audio/latentsync_demo3_audio.wav" } },
];
