import { z } from "zod";

/** Messages read after "Parameter <name> ": see toApiError. */
const required = (iss: { input?: unknown }) => (iss.input === undefined ? "is required" : "must be a string");

/** Empty strings (blank form fields) and nulls count as absent. */
const absentIfEmpty = (value: unknown) => (value === "" || value === null ? undefined : value);

/** PostgreSQL text cannot hold NUL, nor UTF-8 an unpaired surrogate (a lone "\ud800" escape in JSON). */
const storable = (value: string) => !value.includes("\u0000") && !/\p{Cs}/u.test(value);
const NOT_STORABLE = "must not contain NUL characters or unpaired surrogates";

const httpUrl = (what: string) =>
  z
    .string({ error: required })
    .trim()
    .max(2048, "must be at most 2048 characters")
    .refine(storable, NOT_STORABLE)
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === "http:" || url.protocol === "https:";
      } catch {
        return false;
      }
    }, `must be an http(s) URL of ${what}; upload files with POST /v1/kling/assets or send them as multipart/form-data`)
    .meta({ format: "uri" });

export const emailSchema = z
  .string({ error: required })
  .trim()
  .max(254, "must be at most 254 characters")
  .pipe(z.email("must be an email address"))
  .transform((email) => email.toLowerCase())
  .meta({ format: "email" });

export const maxJobsSchema = z.preprocess(
  (value) => (typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
  z
    .number({ error: "must be a whole number from 1 to 50" })
    .int("must be a whole number from 1 to 50")
    .min(1, "must be a whole number from 1 to 50")
    .max(50, "must be a whole number from 1 to 50"),
);

const FACE_POINT_RANGE = "must be between 0 and 1 (a fraction of the video's width or height)";
const FACE_POINT_SHAPE = 'must be an object {"x": 0..1, "y": 0..1}: a point on the face to sync, as fractions of the displayed video\'s width and height';
const fraction = z.number("must be a number").min(0, FACE_POINT_RANGE).max(1, FACE_POINT_RANGE);

/** In multipart forms the point comes as text: "x,y" or JSON; anything else is left for the object check to refuse. */
function parseFacePointText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (text.startsWith("{")) {
    try {
      return JSON.parse(text);
    } catch {
      return value;
    }
  }
  const parts = text.split(",");
  return parts.length === 2 && parts.every((part) => part.trim() !== "") ? { x: Number(parts[0]), y: Number(parts[1]) } : value;
}

/** Extension to the Kling model: which face to sync when the video shows several. */
export const facePointSchema = z
  .preprocess(
    parseFacePointText,
    z.strictObject({ x: fraction, y: fraction }, { error: FACE_POINT_SHAPE }),
  )
  .meta({
    description:
      "Extension (not in Kling's API): a point on the face to sync when the video shows several, as fractions of the displayed picture (x from the left edge, y from the top, each 0 to 1; rotation applied). The face nearest it is synced; without it, the largest face. In multipart/form-data send \"x,y\", e.g. \"0.72,0.35\".",
    example: { x: 0.72, y: 0.35 },
  });

/** POST /v1/kling/videos/lipsync, as JSON (in multipart, video and audio may be files instead); unknown fields are refused. */
export const lipsyncRequestSchema = z.strictObject({
  video: z.preprocess(absentIfEmpty, httpUrl("the video")).meta({
    description: "URL of the video with the face to sync (at most 60 s): a URL from POST /assets or a public http(s) URL.",
    example: "https://example.com/video.mp4",
  }),
  audio: z.preprocess(absentIfEmpty, httpUrl("the audio")).meta({
    description: "URL of the speech (MP3, WAV, M4A, AAC, OGG, Opus, FLAC, or a video's sound track).",
    example: "https://example.com/audio.mp3",
  }),
  email: z.preprocess(absentIfEmpty, emailSchema.optional()).meta({
    description: "Account to run the task under; required when more than one account is configured.",
    example: "jane@example.com",
  }),
  maxJobs: z.preprocess(absentIfEmpty, maxJobsSchema.optional()).meta({
    description: "1..50: how many tasks of the account may run at once (saved on the account).",
    example: 2,
  }),
  replyUrl: z.preprocess(absentIfEmpty, httpUrl("your callback").optional()).meta({
    description: "Public http(s) URL that receives the task model (POST, JSON) at each status change.",
    example: "https://your-callback-url.com/webhook",
  }),
  replyRef: z.preprocess(
    absentIfEmpty,
    z.string("must be a string").max(1024, "must be at most 1024 characters").refine(storable, NOT_STORABLE).optional(),
  ).meta({ description: "Your reference, sent back with each callback.", example: "your-reference-id" }),
  facePoint: z.preprocess(absentIfEmpty, facePointSchema.optional()),
});

export type LipsyncRequest = z.output<typeof lipsyncRequestSchema>;

export const TASK_STATUS = { submitted: 5, processing: 10, succeed: 99, failed: 50 } as const;
export type TaskStatusName = keyof typeof TASK_STATUS;
export const TASK_TYPE = "m2v_video_lip_sync";
export const TASK_SCENE = "NORMAL_CREATION";

const statusNameSchema = z.enum(["submitted", "processing", "succeed", "failed"]);

const taskInputSchema = z.object({
  name: z.enum(["video", "audio"]),
  inputType: z.literal("URL"),
  token: z.string().nullable(),
  blobStorage: z.null(),
  url: z.string().meta({ description: "The URL as submitted (an uploaded file gets its asset URL)." }),
  cover: z.string().nullable(),
  fromWorkId: z.number().int().nullable(),
});

export const workSchema = z.object({
  workId: z.number().int().meta({ description: "Id of the result; use it with GET /assets/download." }),
  type: z.literal(TASK_TYPE),
  status: z.literal(TASK_STATUS.succeed),
  contentType: z.literal("video/mp4"),
  resource: z.object({
    resource: z.string().meta({
      description: "Signed URL of the MP4: downloads without a token until it expires (SIGNED_URL_TTL_SECONDS), supports Range. Every answer signs it afresh.",
    }),
    width: z.number().int(),
    height: z.number().int(),
    duration: z.number().int().meta({ description: "Milliseconds." }),
  }),
  cover: z.object({
    resource: z.string().meta({ description: "Signed URL of a JPEG frame of the result (like resource.resource)." }),
    width: z.number().int(),
    height: z.number().int(),
  }).optional(),
  createTime: z.number().int(),
});

/** The Kling task model: POST /videos/lipsync, GET /tasks/{task_id} and every callback. */
export const taskResponseSchema = z.object({
  task: z.object({
    id: z.number().int().meta({ description: "The task's id: $TASK_ID in GET and DELETE /tasks/{task_id}." }),
    userId: z.number().int(),
    type: z.literal(TASK_TYPE),
    scene: z.literal(TASK_SCENE),
    status: z.number().int().meta({ description: "5 submitted, 10 processing, 99 succeed, 50 failed." }),
    status_name: statusNameSchema,
    status_final: z.boolean(),
    taskInfo: z.object({
      type: z.literal(TASK_TYPE),
      inputs: z.array(taskInputSchema),
      arguments: z.array(z.object({ name: z.string(), value: z.string() })),
      extraArgs: z.record(z.string(), z.unknown()).meta({ description: "Extension: facePoint {x, y} when the task was given one." }),
      callbackPayloads: z.array(z.unknown()),
      scene: z.literal(TASK_SCENE),
    }),
    favored: z.boolean(),
    deleted: z.boolean(),
    viewed: z.boolean(),
    createTime: z.number().int().meta({ description: "Milliseconds since the epoch." }),
    updateTime: z.number().int(),
  }).meta({ description: "The task itself: task.id is the id to poll (GET /tasks/{task_id}); inputs and arguments echo the request." }),
  works: z.array(workSchema).meta({ description: "Empty until the task succeeds; then the result." }),
  status: z.number().int(),
  status_name: statusNameSchema,
  status_final: z.boolean().meta({ description: "True once the status is 99 or 50: nothing changes after." }),
  message: z.string(),
  error: z.string().optional().meta({ description: "When the status is 50: what went wrong and how to fix it." }),
  errorCode: z.string().optional().meta({ description: "When the status is 50: a stable code (NO_FACE_FOUND, CANCELLED, ...)." }),
  progress: z.number().int().min(0).max(100).meta({ description: "0..100." }),
  stage: z.string().nullable().meta({ description: "Engine stage while processing: probe, audio, track, render, finalize." }),
  email: z.string().meta({ description: "The account the task runs under." }),
  replyUrl: z.string().optional(),
  replyRef: z.string().optional(),
  upstream: z
    .object({
      provider: z.literal("useapi"),
      taskId: z.string().nullable().meta({ description: "The Kling task id at useapi.net, once submitted." }),
      status: z.string().nullable().meta({ description: "The upstream status_name as last polled (submitted, processing, succeed, failed)." }),
    })
    .optional()
    .meta({ description: "Tasks of useapi accounts only: where the task runs at Kling through useapi.net." }),
  limitation: z.object({ type: z.literal(TASK_TYPE), remaining: z.number().int(), limit: z.number().int() }).meta({
    description:
      "The account's task quota: limit is how many tasks it may hold in total, remaining how many more it may create now (deleting tasks frees places); at 0, new submits are refused.",
  }),
  userPoints: z.object({ points: z.array(z.unknown()), total: z.number() }),
  userTickets: z.object({ ticket: z.array(z.unknown()) }),
  editProject: z.null(),
});

export type TaskResponse = z.output<typeof taskResponseSchema>;

/** A task id in a path: a positive 31-bit integer; anything else is a task that does not exist. */
export const taskIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .refine((id) => id <= 2_147_483_647);

export const taskQuerySchema = z.object({
  email: z.preprocess(absentIfEmpty, emailSchema.optional()),
});

/** GET /tasks/{task_id}/webhooks: every callback of the task, oldest first, with each attempt. */
export const taskWebhooksResponseSchema = z.object({
  deliveries: z.array(
    z.object({
      id: z.number().int(),
      taskId: z.number().int(),
      event: z.string().describe("submitted, processing, progress, succeed or failed"),
      url: z.string(),
      state: z.enum(["pending", "delivered", "abandoned"]),
      attempts: z.number().int(),
      statusCode: z.number().int().nullable(),
      lastError: z.string().nullable(),
      createdAt: z.number().describe("ms since the epoch"),
      nextAttempt: z.number().nullable(),
      deliveredAt: z.number().nullable(),
      abandonedAt: z.number().nullable(),
      tries: z.array(
        z.object({ attemptedAt: z.number(), statusCode: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number() }),
      ),
      payload: z.unknown().describe("the JSON body posted"),
    }),
  ),
});

export type TaskWebhooksResponse = z.output<typeof taskWebhooksResponseSchema>;
