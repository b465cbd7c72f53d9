export interface ClipSpec {
  name: string;
  width: number;
  height: number;
  seconds: number;
}

export const FPS = 30;

/** The test clips, in run order. The 60 s one serves the peak-memory goal. */
export const CLIPS: readonly ClipSpec[] = [
  { name: "480p", width: 854, height: 480, seconds: 10 },
  { name: "720p", width: 1280, height: 720, seconds: 10 },
  { name: "1080p", width: 1920, height: 1080, seconds: 10 },
  { name: "1080p-portrait", width: 1080, height: 1920, seconds: 10 },
  { name: "1080p-60s", width: 1920, height: 1080, seconds: 60 },
];
