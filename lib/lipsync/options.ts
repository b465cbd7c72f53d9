import { z } from "zod";
import { env } from "../env";
import { DEFAULT_MAX_DIMENSION } from "./media/assert-video-size";
import { X264_PRESETS } from "./presets";

// Defaults come from the validated environment (LIPSYNC_*), so every caller shares them.

export const lipsyncOptionsSchema = z.object({
  /** Longest input video accepted, in seconds. */
  maxDurationSeconds: z.number().positive().max(3600).default(env.LIPSYNC_MAX_DURATION_SECONDS),
  /** Largest accepted width or height, in pixels (4K is 3840x2160). */
  maxDimension: z.number().int().positive().default(DEFAULT_MAX_DIMENSION),
  /** x264 constant rate factor: lower is better quality and larger files. */
  crf: z.number().int().min(0).max(51).default(env.LIPSYNC_CRF),
  preset: z.enum(X264_PRESETS).default(env.LIPSYNC_PRESET),
  /** Pick the face nearest to this point (pixels in the displayed frame) instead of the largest. */
  facePoint: z.object({ x: z.number(), y: z.number() }).optional(),
  /** Smallest face accepted, as the inter-ocular distance in pixels. */
  minFaceSize: z.number().positive().default(18),
  /** Share of frames that must show a face before the job is refused. */
  minFaceShare: z.number().min(0).max(1).default(0.2),
  /** Interpolate every other frame's landmarks where the face is still: less tracking, but more of the original mouth shows (see docs/benchmarks.md). */
  interpolateStillFrames: z.boolean().default(false),
  /** Scale of the mouth opening: 1 is natural, 0.5 subtle, 1.5 pronounced. */
  mouthScale: z.number().min(0.2).max(2).default(1),
});

export type LipsyncOptionsInput = z.input<typeof lipsyncOptionsSchema>;
export type LipsyncOptions = z.output<typeof lipsyncOptionsSchema>;
