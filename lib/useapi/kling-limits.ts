/**
 * Upstream limits of Kling lip sync through useapi.net (docs/providers.md; the notes in
 * POST /v1/kling/videos/lipsync and POST /v1/kling/assets).
 */
export const KLING_LIMITS = {
  videoSeconds: 60,
  videoBytes: 100 * 1000 * 1000,
  audioBytes: 20 * 1000 * 1000,
  videoTypes: ["video/mp4", "video/quicktime"],
} as const;
