import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { X264_PRESETS } from "./lipsync/presets";

function wholeNumber(min: number, max: number, fallback: number) {
  const rule = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, rule)
    .transform(Number)
    .refine((value) => value >= min && value <= max, rule)
    .default(fallback);
}

const nonBlank = z.string().trim().min(1, "must not be blank");

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const flag = z
  .enum(["0", "1", "true", "false"], "must be 0 or 1")
  .optional()
  .transform((value) => value === "1" || value === "true");

export const envSchema = z.object({
  /** Port the web server listens on. */
  PORT: wholeNumber(1, 65535, 3000),
  /** Interface the web server binds to. */
  HOSTNAME: nonBlank.default("0.0.0.0"),
  /** ffmpeg binary; unset means the one shipped by @ffmpeg-installer/ffmpeg. */
  FFMPEG_PATH: nonBlank.optional(),
  /** ffprobe binary; unset means the one shipped by @ffprobe-installer/ffprobe. */
  FFPROBE_PATH: nonBlank.optional(),
  /** Longest input video accepted, in seconds. */
  LIPSYNC_MAX_DURATION_SECONDS: wholeNumber(1, 3600, 60),
  /** x264 constant rate factor of the output: lower is better quality and larger files. */
  LIPSYNC_CRF: wholeNumber(0, 51, 18),
  LIPSYNC_PRESET: z.enum(X264_PRESETS, `must be one of ${X264_PRESETS.join(", ")}`).default("veryfast"),
  /** Where uploads, results and working files live; resolved to an absolute path. */
  DATA_DIR: nonBlank.transform((dir) => path.resolve(dir)).prefault("./data"),
  /** PostgreSQL to use; unset means the embedded one, with its files in DATA_DIR/postgres. */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql://user:password@host:port/database URL" })
    .optional(),
  /** Port of the embedded PostgreSQL (used when DATABASE_URL is unset); it listens on 127.0.0.1 only. */
  EMBEDDED_PG_PORT: wholeNumber(1, 65535, 5433),
  /** As root: root-owned folder for the PostgreSQL binaries and cluster when "postgres" cannot reach node_modules or DATA_DIR. */
  EMBEDDED_PG_SHARED_DIR: nonBlank.transform((dir) => path.resolve(dir)).prefault("/var/lib/lipsync-studio"),
  /** Concurrent tasks of the default account `npm run token -- create` makes for a new user (1-50). */
  DEFAULT_MAX_JOBS: wholeNumber(1, 50, 1),
  /** Origin (and optional path prefix) of the absolute URLs the API hands out; unset means http://localhost:PORT. */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://lipsync.example.com" })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /** Largest file one upload may carry, in bytes (default 512 MiB). */
  MAX_UPLOAD_BYTES: wholeNumber(1, 64 * 1024 ** 3, 512 * 1024 ** 2),
  /** Longest one upload may take, in seconds; slower uploads are cut off and deleted. */
  UPLOAD_TIMEOUT_SECONDS: wholeNumber(1, 86_400, 900),
  /** API requests one token may make per minute; more get 429 with Retry-After. */
  API_RATE_LIMIT_PER_MINUTE: wholeNumber(1, 1_000_000, 120),
  /** Tasks one worker process runs at once (the engine already uses every core for one task). */
  WORKER_CONCURRENCY: wholeNumber(1, 64, 1),
  /** Longest one task may run (download + lip sync), in seconds; then it fails as too long. */
  JOB_TIMEOUT_SECONDS: wholeNumber(10, 86_400, 900),
  /** A processing task whose worker has not reported for this many seconds is retried elsewhere. */
  WORKER_STALE_SECONDS: wholeNumber(10, 3600, 60),
  /** Largest input file fetched from a URL, in bytes (default 512 MiB). */
  MAX_DOWNLOAD_BYTES: wholeNumber(1, 64 * 1024 ** 3, 512 * 1024 ** 2),
  /** Longest one input download may take, in seconds. */
  DOWNLOAD_TIMEOUT_SECONDS: wholeNumber(1, 86_400, 300),
  /** How long the signed result and cover URLs of API answers download without a token, in seconds. */
  SIGNED_URL_TTL_SECONDS: wholeNumber(60, 30 * 86_400, 86_400),
  /** Signs browser session cookies (32+ characters); unset means a random one kept in DATA_DIR/auth-secret. */
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. openssl rand -base64 32)").optional(),
  /** 1: links follow X-Forwarded-Host/-Proto (set it only behind a reverse proxy that sets them). */
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false"], "must be 0 or 1")
    .optional()
    .transform((value) => value === "1" || value === "true"),
  /** 1 lets input URLs and webhooks reach loopback and private addresses (local testing only). */
  ALLOW_PRIVATE_URLS: z
    .enum(["0", "1", "true", "false"], "must be 0 or 1")
    .optional()
    .transform((value) => value === "1" || value === "true"),
  /** Least severe log lines written (pino levels; silent writes none). */
  LOG_LEVEL: z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(", ")}`).default("info"),
  /** When set, GET /metrics (and a worker's metrics port) need `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (e.g. openssl rand -hex 16)").optional(),
  /** Port on which a worker serves its own Prometheus metrics; unset: none. */
  WORKER_METRICS_PORT: z
    .string()
    .regex(/^\d+$/, "must be a port number from 1 to 65535")
    .transform(Number)
    .refine((port) => port >= 1 && port <= 65535, "must be a port number from 1 to 65535")
    .optional(),
  /** On SIGTERM a worker lets running tasks finish for this long, then hands them back to the queue. */
  SHUTDOWN_GRACE_SECONDS: wholeNumber(0, 3600, 30),
  /** Where uploads and results live: `local` (DATA_DIR/storage) or `s3` (an S3-compatible bucket). */
  STORAGE: z.enum(["local", "s3"], "must be local or s3").default("local"),
  /** Bucket of STORAGE=s3 (it must exist). */
  S3_BUCKET: nonBlank.optional(),
  /** Endpoint of an S3-compatible service (MinIO, R2...); unset means AWS S3 itself. */
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://s3.example.com" }).optional(),
  S3_REGION: nonBlank.default("us-east-1"),
  /** Both or neither; neither means the AWS SDK's own credential chain (instance roles, ~/.aws). */
  S3_ACCESS_KEY_ID: nonBlank.optional(),
  S3_SECRET_ACCESS_KEY: nonBlank.optional(),
  /** 1: bucket in the path (http://host/bucket/key), as MinIO and most self-hosted servers need. */
  S3_FORCE_PATH_STYLE: flag,
  /** 1: downloads answer with a redirect to a presigned URL of the bucket instead of passing the bytes through. */
  S3_PRESIGNED_DOWNLOADS: flag,
  /** How long a presigned download URL stays valid, in seconds. */
  S3_PRESIGNED_EXPIRES_SECONDS: wholeNumber(60, 604_800, 900),
}).superRefine((value, context) => {
  if (value.STORAGE !== "s3") return;
  if (!value.S3_BUCKET) context.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "must be set when STORAGE=s3" });
  if (!value.S3_ACCESS_KEY_ID !== !value.S3_SECRET_ACCESS_KEY) {
    const missing = value.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
    context.addIssue({ code: "custom", path: [missing], message: "must be set together with the other S3 key" });
  }
});

export type Env = z.output<typeof envSchema>;

/**
 * Validates the variables of `source`; an empty value counts as unset.
 * Throws one error that lists every invalid variable.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const values = Object.fromEntries(
    Object.keys(envSchema.shape).map((name) => [name, source[name] === "" ? undefined : source[name]]),
  );
  const result = envSchema.safeParse(values);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `  ${name}=${JSON.stringify(values[name])}: ${issue.message}`;
  });
  throw new Error(`Invalid environment (see .env.example):\n${problems.join("\n")}`);
}

// Like Next.js, let ./.env fill in variables the real environment leaves unset.
if (existsSync(".env")) process.loadEnvFile(".env");

export const env = parseEnv(process.env);
