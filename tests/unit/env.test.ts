import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("applies safe defaults when nothing is set", () => {
    expect(parseEnv({})).toEqual({
      PORT: 3000,
      HOSTNAME: "0.0.0.0",
      FFMPEG_PATH: undefined,
      FFPROBE_PATH: undefined,
      LIPSYNC_MAX_DURATION_SECONDS: 60,
      LIPSYNC_CRF: 18,
      LIPSYNC_PRESET: "veryfast",
      DATA_DIR: path.resolve("data"),
      DATABASE_URL: undefined,
      EMBEDDED_PG_PORT: 5433,
      EMBEDDED_PG_SHARED_DIR: "/var/lib/lipsync-studio",
      DEFAULT_MAX_JOBS: 1,
      PUBLIC_BASE_URL: undefined,
      MAX_UPLOAD_BYTES: 512 * 1024 * 1024,
      UPLOAD_TIMEOUT_SECONDS: 900,
      API_RATE_LIMIT_PER_MINUTE: 120,
      WORKER_CONCURRENCY: 1,
      JOB_TIMEOUT_SECONDS: 900,
      WORKER_STALE_SECONDS: 60,
      MAX_DOWNLOAD_BYTES: 512 * 1024 * 1024,
      DOWNLOAD_TIMEOUT_SECONDS: 300,
      SIGNED_URL_TTL_SECONDS: 86_400,
      TRUST_PROXY: false,
      ALLOW_PRIVATE_URLS: false,
      LOG_LEVEL: "info",
      METRICS_TOKEN: undefined,
      WORKER_METRICS_PORT: undefined,
      SHUTDOWN_GRACE_SECONDS: 30,
      STORAGE: "local",
      S3_BUCKET: undefined,
      S3_ENDPOINT: undefined,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: undefined,
      S3_SECRET_ACCESS_KEY: undefined,
      S3_FORCE_PATH_STYLE: false,
      S3_PRESIGNED_DOWNLOADS: false,
      S3_PRESIGNED_EXPIRES_SECONDS: 900,
    });
  });

  it("reads and checks the operations settings", () => {
    expect(parseEnv({ LOG_LEVEL: "debug", METRICS_TOKEN: "0123456789abcdef", WORKER_METRICS_PORT: "9464", SHUTDOWN_GRACE_SECONDS: "0" })).toMatchObject({
      LOG_LEVEL: "debug",
      METRICS_TOKEN: "0123456789abcdef",
      WORKER_METRICS_PORT: 9464,
      SHUTDOWN_GRACE_SECONDS: 0,
    });
    let message = "";
    try {
      parseEnv({ LOG_LEVEL: "verbose", METRICS_TOKEN: "short", WORKER_METRICS_PORT: "0", SHUTDOWN_GRACE_SECONDS: "-1" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('LOG_LEVEL="verbose": must be one of fatal, error, warn, info, debug, trace, silent');
    expect(message).toContain('METRICS_TOKEN="short": must be at least 16 characters');
    expect(message).toContain('WORKER_METRICS_PORT="0": must be a port number from 1 to 65535');
    expect(message).toContain('SHUTDOWN_GRACE_SECONDS="-1": must be a whole number from 0 to 3600');
  });

  it("requires a bucket, and both S3 keys or neither, with STORAGE=s3", () => {
    expect(() => parseEnv({ STORAGE: "s3", S3_ACCESS_KEY_ID: "key" })).toThrow(
      /S3_BUCKET=undefined: must be set when STORAGE=s3\n.*S3_SECRET_ACCESS_KEY=undefined: must be set together with the other S3 key/,
    );
    expect(() => parseEnv({ STORAGE: "minio" })).toThrow('STORAGE="minio": must be local or s3');
    expect(parseEnv({ STORAGE: "s3", S3_BUCKET: "media", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "1" })).toMatchObject({
      STORAGE: "s3",
      S3_BUCKET: "media",
      S3_FORCE_PATH_STYLE: true,
      S3_ACCESS_KEY_ID: undefined,
    });
    // Without STORAGE=s3 the S3 variables are not required.
    expect(parseEnv({ S3_ACCESS_KEY_ID: "key" }).STORAGE).toBe("local");
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ PORT: "", FFMPEG_PATH: "", DATA_DIR: "" })).toMatchObject({
      PORT: 3000,
      FFMPEG_PATH: undefined,
      DATA_DIR: path.resolve("data"),
    });
  });

  it("reads explicit values", () => {
    expect(
      parseEnv({
        PORT: "8080",
        HOSTNAME: "127.0.0.1",
        FFMPEG_PATH: "/usr/bin/ffmpeg",
        LIPSYNC_MAX_DURATION_SECONDS: "120",
        LIPSYNC_CRF: "0",
        LIPSYNC_PRESET: "slow",
        DATA_DIR: "/srv/lipsync",
      }),
    ).toMatchObject({
      PORT: 8080,
      HOSTNAME: "127.0.0.1",
      FFMPEG_PATH: "/usr/bin/ffmpeg",
      LIPSYNC_MAX_DURATION_SECONDS: 120,
      LIPSYNC_CRF: 0,
      LIPSYNC_PRESET: "slow",
      DATA_DIR: "/srv/lipsync",
    });
  });

  it("names every invalid variable in one error", () => {
    let message = "";
    try {
      parseEnv({ PORT: "abc", LIPSYNC_CRF: "99", LIPSYNC_PRESET: "turbo" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PORT="abc": must be a whole number from 1 to 65535');
    expect(message).toContain('LIPSYNC_CRF="99": must be a whole number from 0 to 51');
    expect(message).toContain('LIPSYNC_PRESET="turbo": must be one of ultrafast');
  });

  it.each(["0", "70000", "3.5", "-1", " 80"])("rejects PORT=%j", (port) => {
    expect(() => parseEnv({ PORT: port })).toThrow(/PORT=.*must be a whole number/);
  });

  it("reads the worker and download settings", () => {
    expect(parseEnv({ WORKER_CONCURRENCY: "2", JOB_TIMEOUT_SECONDS: "30", ALLOW_PRIVATE_URLS: "1" })).toMatchObject({
      WORKER_CONCURRENCY: 2,
      JOB_TIMEOUT_SECONDS: 30,
      ALLOW_PRIVATE_URLS: true,
    });
    expect(parseEnv({ ALLOW_PRIVATE_URLS: "0" }).ALLOW_PRIVATE_URLS).toBe(false);
    expect(() => parseEnv({ ALLOW_PRIVATE_URLS: "yes" })).toThrow('ALLOW_PRIVATE_URLS="yes": must be 0 or 1');
    expect(() => parseEnv({ JOB_TIMEOUT_SECONDS: "5" })).toThrow("JOB_TIMEOUT_SECONDS");
  });

  it("reads the database settings", () => {
    const url = "postgresql://lipsync:secret@db.internal:5432/lipsync";
    expect(parseEnv({ DATABASE_URL: url, EMBEDDED_PG_PORT: "6543", DEFAULT_MAX_JOBS: "50" })).toMatchObject({
      DATABASE_URL: url,
      EMBEDDED_PG_PORT: 6543,
      DEFAULT_MAX_JOBS: 50,
    });
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/db" }).DATABASE_URL).toBe("postgres://localhost/db");
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/db" })).toThrow('DATABASE_URL="mysql://localhost/db": must be a postgresql://');
    expect(() => parseEnv({ DEFAULT_MAX_JOBS: "51" })).toThrow("DEFAULT_MAX_JOBS");
    expect(() => parseEnv({ EMBEDDED_PG_PORT: "0" })).toThrow("EMBEDDED_PG_PORT");
  });
});
