import { z } from "zod";

export const lipsyncOptionsSchema = z.object({
  /** Longest input video accepted, in seconds. */
  maxDurationSeconds: z.number().positive().max(3600).default(60),
  /** Largest accepted width or height, in pixels (4K is 3840x2160). */
  maxDimension: z.number().int().positive().default(4096),
  /** x264 constant rate factor: lower is better quality and larger files. */
  crf: z.number().int().min(0).max(51).default(18),
  preset: z
    .enum(["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow"])
    .default("veryfast"),
  /** Pick the face nearest to this point (pixels in the displayed frame) instead of the largest. */
  facePoint: z.object({ x: z.number(), y: z.number() }).optional(),
  /** Smallest face accepted, as the inter-ocular distance in pixels. */
  minFaceSize: z.number().positive().default(18),
  /** Share of frames that must show a face before the job is refused. */
  minFaceShare: z.number().min(0).max(1).default(0.2),
  /** Scale of the mouth opening: 1 is natural, 0.5 subtle, 1.5 pronounced. */
  mouthScale: z.number().min(0.2).max(2).default(1),
});

export type LipsyncOptionsInput = z.input<typeof lipsyncOptionsSchema>;
export type LipsyncOptions = z.output<typeof lipsyncOptionsSchema>;
