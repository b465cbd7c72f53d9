import { z } from "zod";
import { emailSchema } from "@/lib/api/tasks/schemas";

const absentIfEmpty = (value: unknown) => (value === "" || value === null ? undefined : value);

/** POST /v1/kling/assets query. */
export const assetUploadQuerySchema = z.object({
  email: z.preprocess(absentIfEmpty, emailSchema.optional()).meta({
    description: "Optional: when given, it must be a configured account (uploads belong to the user and serve every account).",
  }),
  fileName: z.preprocess(
    absentIfEmpty,
    z.string().max(1024, "must be at most 1024 characters").optional(),
  ).meta({ description: "Name for a raw-body upload (the type still comes from the bytes)." }),
});

/** POST /v1/kling/assets response. */
export const assetResponseSchema = z.object({
  url: z.string().meta({ description: "Use as video or audio in POST /videos/lipsync; GET it with your token." }),
  fileName: z.string(),
  assetId: z.string(),
  type: z.enum(["video", "audio"]),
  format: z.string().meta({ example: "mp4" }),
  contentType: z.string().meta({ example: "video/mp4" }),
  size: z.number().int().meta({ description: "Bytes." }),
  createTime: z.number().int(),
});

export type AssetResponse = z.output<typeof assetResponseSchema>;

/** GET /v1/kling/assets/download query. */
export const downloadQuerySchema = z.object({
  workIds: z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be a string") })
    .regex(/^\s*[1-9]\d{0,9}\s*$/, "must be the workId of one succeeded task (from works[0].workId)")
    .transform((value) => Number(value.trim())),
  fileTypes: z.preprocess(
    absentIfEmpty,
    z.enum(["MP4", "mp4"], "must be MP4 (the only file type results have)").optional(),
  ),
});

export const downloadResponseSchema = z.object({
  cdnUrl: z.string().meta({ description: "Signed URL of the MP4: a plain GET downloads it, no token, until it expires (SIGNED_URL_TTL_SECONDS); supports Range." }),
});
