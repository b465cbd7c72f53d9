import { z } from "zod";
import {
  accountCreateSchema,
  accountListResponseSchema,
  accountResponseSchema,
} from "@/lib/api/accounts/schemas";
import { assetResponseSchema, downloadResponseSchema } from "@/lib/api/assets/schemas";
import { SUPPORTED_MEDIA_TEXT } from "@/lib/api/assets/sniff-media-type";
import { RESOURCE_NOT_FOUND, errorBodySchema } from "@/lib/api/errors";
import { lipsyncRequestSchema, taskResponseSchema, taskWebhooksResponseSchema } from "@/lib/api/tasks/schemas";
import { env } from "@/lib/env";

type JsonSchema = Record<string, unknown>;

/** Drops the noise zod adds to every integer (the safe-integer bounds). */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).filter(
    ([key, item]) =>
      key !== "$schema" &&
      !(key === "minimum" && item === Number.MIN_SAFE_INTEGER) &&
      !(key === "maximum" && item === Number.MAX_SAFE_INTEGER),
  );
  return Object.fromEntries(entries.map(([key, item]) => [key, tidy(item)]));
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  return tidy(z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" })) as JsonSchema;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ "application/json": { schema: ref(name) } });

function errorResponse(description: string, example: Record<string, unknown>) {
  return { description, content: { "application/json": { schema: ref("Error"), example } } };
}

const errors = {
  400: errorResponse("Bad input: `error` says which parameter and why.", { error: "Parameter video is required" }),
  401: errorResponse("Missing or invalid bearer token.", { error: "Unauthorized", code: 401 }),
  404: errorResponse("Not found, or not yours.", { error: RESOURCE_NOT_FOUND, message: "Not Found" }),
  429: {
    ...errorResponse("Too many requests for this token: wait Retry-After seconds.", {
      error: "Too many requests: this token may make 120 requests a minute. Retry after 17 s.",
      code: 429,
    }),
    headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } },
  },
};

const emailQuery = {
  name: "email",
  in: "query",
  required: false,
  description: "Account (required when more than one is configured).",
  schema: { type: "string", format: "email" },
};
const taskIdPath = { name: "task_id", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
const emailPath = { name: "email", in: "path", required: true, schema: { type: "string", format: "email" } };

/** The OpenAPI 3.1 document of the API, built from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(baseUrl: string): Record<string, unknown> {
  const lipsyncJson = jsonSchema(lipsyncRequestSchema, "input");
  const fileOrUrl = (what: string) => ({
    description: `${what}: a file, or a URL as in the JSON body.`,
    oneOf: [{ type: "string", format: "uri" }, { type: "string", contentMediaType: "application/octet-stream" }],
  });
  const lipsyncMultipart = {
    ...lipsyncJson,
    properties: {
      ...(lipsyncJson.properties as JsonSchema),
      video: fileOrUrl("The video"),
      audio: fileOrUrl("The speech"),
      facePoint: {
        description: 'Extension: the facePoint of the JSON body as text, "x,y" (fractions 0 to 1), or its JSON.',
        type: "string",
        example: "0.72,0.35",
      },
    },
  };
  const maxMiB = Math.floor(env.MAX_UPLOAD_BYTES / 1024 / 1024);

  return {
    openapi: "3.1.0",
    info: {
      title: "Lipsync Studio API",
      version: "1.0.0",
      description:
        "Self-hosted lip sync with the request and response model of the Kling \"Apply Lip Sync to Video\" API. " +
        "Every endpoint takes an Authorization: Bearer <token> header. Tasks run in the background: poll GET /tasks/{task_id} " +
        "or pass replyUrl to receive the task model at each status change.",
    },
    servers: [{ url: `${baseUrl}/v1/kling` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        LipsyncRequest: lipsyncJson,
        LipsyncMultipartRequest: lipsyncMultipart,
        Task: jsonSchema(taskResponseSchema, "output"),
        TaskWebhooks: jsonSchema(taskWebhooksResponseSchema, "output"),
        Asset: jsonSchema(assetResponseSchema, "output"),
        Download: jsonSchema(downloadResponseSchema, "output"),
        AccountRequest: jsonSchema(accountCreateSchema, "input"),
        Account: jsonSchema(accountResponseSchema, "output"),
        AccountList: jsonSchema(accountListResponseSchema, "output"),
        Error: jsonSchema(errorBodySchema, "output"),
      },
    },
    paths: {
      "/videos/lipsync": {
        post: {
          operationId: "createLipsyncTask",
          summary: "Apply lip sync to a video",
          description:
            `Makes the face in the video speak the audio. The video may not be longer than ${env.LIPSYNC_MAX_DURATION_SECONDS} seconds. ` +
            `Send JSON with URLs, or multipart/form-data where video and audio may be files (at most ${maxMiB} MiB each). ` +
            "URLs returned by POST /assets are used in place, never fetched; other URLs must be public http(s) URLs. " +
            "If the audio is shorter than the video the rest is silent; if longer it is cut.",
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: ref("LipsyncRequest"), example: { email: "jane@example.com", video: "https://example.com/video.mp4", audio: "https://example.com/audio.mp3" } },
              "multipart/form-data": { schema: ref("LipsyncMultipartRequest") },
            },
          },
          responses: {
            200: { description: "The task, submitted.", content: json("Task") },
            400: errors[400],
            401: errors[401],
            404: errorResponse("A URL of ours names an asset that does not exist or is not yours.", { error: RESOURCE_NOT_FOUND, message: "Not Found" }),
            413: errorResponse("A file is over MAX_UPLOAD_BYTES.", { error: "The file is larger than the limit of 536870912 bytes (MAX_UPLOAD_BYTES). Send a smaller file." }),
            429: errors[429],
          },
        },
      },
      "/tasks/{task_id}/webhooks": {
        get: {
          operationId: "listTaskWebhooks",
          summary: "List a task's webhook deliveries",
          description:
            "Every callback sent (or still to send) to the task's replyUrl, oldest first, with each attempt: time, HTTP status or error, duration. " +
            "Failed deliveries are retried with backoff for at least 30 minutes.",
          parameters: [taskIdPath, emailQuery],
          responses: { 200: { description: "The deliveries.", content: json("TaskWebhooks") }, 401: errors[401], 404: errors[404], 429: errors[429] },
        },
      },
      "/tasks/{task_id}": {
        get: {
          operationId: "getTask",
          summary: "Get a task",
          description:
            "Status 5 submitted, 10 processing (with progress 0-100 and stage), 99 succeed (works[0] holds the MP4 and cover URLs), " +
            "50 failed (error says what went wrong and how to fix it). status_final is true at 99 and 50.",
          parameters: [taskIdPath, emailQuery],
          responses: { 200: { description: "The task.", content: json("Task") }, 401: errors[401], 404: errors[404], 429: errors[429] },
        },
        delete: {
          operationId: "deleteTask",
          summary: "Cancel or delete a task",
          description:
            "A waiting or running task is cancelled (200 with the task, now failed with errorCode CANCELLED). " +
            "A finished task is deleted with its result and cover (204).",
          parameters: [taskIdPath, emailQuery],
          responses: {
            200: { description: "Cancelled.", content: json("Task") },
            204: { description: "Deleted." },
            401: errors[401],
            404: errors[404],
            429: errors[429],
          },
        },
      },
      "/assets": {
        post: {
          operationId: "uploadAsset",
          summary: "Upload a video or audio file",
          description:
            `Send the file as the raw body (any Content-Type; name it with ?fileName=) or as the one file of a multipart/form-data body (field \`file\`). ` +
            `The type is decided by the file's bytes: ${SUPPORTED_MEDIA_TEXT}. At most ${maxMiB} MiB. The returned url can be used as video or audio in POST /videos/lipsync.`,
          parameters: [
            emailQuery,
            {
              name: "fileName",
              in: "query",
              required: false,
              description: "Name for a raw-body upload (up to 1024 characters; the last path segment is kept, cleaned, with the extension of the real type). Multipart uploads use the file's own name.",
              schema: { type: "string" },
            },
          ],
          requestBody: {
            required: true,
            content: {
              "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } },
              "multipart/form-data": {
                schema: { type: "object", properties: { file: { type: "string", contentMediaType: "application/octet-stream" } }, required: ["file"] },
              },
            },
          },
          responses: {
            200: {
              description: "Stored: use `url` as video or audio in POST /videos/lipsync.",
              content: {
                "application/json": {
                  schema: ref("Asset"),
                  example: {
                    url: "http://localhost:3000/v1/kling/assets/3x4mpl3Id_Ab-cdEfGhIjK/talk.mp4",
                    fileName: "talk.mp4",
                    assetId: "3x4mpl3Id_Ab-cdEfGhIjK",
                    type: "video",
                    format: "mp4",
                    contentType: "video/mp4",
                    size: 169622,
                    createTime: 1764086400000,
                  },
                },
              },
            },
            400: errorResponse("Unsupported or empty file.", { error: `Unsupported file type: the file is a PNG image. Send ${SUPPORTED_MEDIA_TEXT}.` }),
            401: errors[401],
            408: errorResponse("The upload took longer than UPLOAD_TIMEOUT_SECONDS.", { error: "The upload took longer than 900 s (UPLOAD_TIMEOUT_SECONDS) and was discarded." }),
            413: errorResponse("Over MAX_UPLOAD_BYTES; nothing was kept.", { error: "The file is larger than the limit of 536870912 bytes (MAX_UPLOAD_BYTES). Send a smaller file." }),
            429: errors[429],
          },
        },
      },
      "/assets/{asset_id}/{file_name}": {
        get: {
          operationId: "getAssetFile",
          summary: "Download an asset (upload, result or cover)",
          description: "Only for the asset's owner. Supports a single Range (206 with Content-Range), If-Range and If-None-Match.",
          parameters: [
            { name: "asset_id", in: "path", required: true, schema: { type: "string" } },
            { name: "file_name", in: "path", required: true, schema: { type: "string" } },
            { name: "Range", in: "header", required: false, schema: { type: "string", example: "bytes=0-1023" } },
          ],
          responses: {
            200: { description: "The whole file.", content: { "video/mp4": {}, "image/jpeg": {}, "audio/*": {} } },
            206: { description: "The requested range." },
            401: errors[401],
            404: errors[404],
            416: { description: "The range starts past the end of the file." },
            429: errors[429],
          },
        },
      },
      "/assets/download": {
        get: {
          operationId: "getDownloadUrl",
          summary: "URL of a result MP4",
          parameters: [
            { name: "workIds", in: "query", required: true, description: "works[0].workId of a succeeded task.", schema: { type: "string" } },
            { name: "fileTypes", in: "query", required: false, schema: { type: "string", enum: ["MP4"] } },
          ],
          responses: {
            200: { description: "The URL.", content: json("Download") },
            400: errorResponse("workIds missing or not a workId.", { error: "Parameter workIds is required" }),
            401: errors[401],
            404: errors[404],
            429: errors[429],
          },
        },
      },
      "/accounts": {
        get: {
          operationId: "listAccounts",
          summary: "List accounts",
          responses: { 200: { description: "Accounts keyed by email.", content: json("AccountList") }, 401: errors[401], 429: errors[429] },
        },
        post: {
          operationId: "upsertAccount",
          summary: "Add an account, or change its maxJobs",
          requestBody: { required: true, content: json("AccountRequest") },
          responses: {
            200: { description: "The account.", content: json("Account") },
            400: errorResponse("email missing or malformed, maxJobs out of range, or an unknown field.", { error: "Parameter email is required" }),
            401: errors[401],
            429: errors[429],
          },
        },
      },
      "/accounts/{email}": {
        get: {
          operationId: "getAccount",
          summary: "Get an account",
          parameters: [emailPath],
          responses: { 200: { description: "The account.", content: json("Account") }, 401: errors[401], 404: errors[404], 429: errors[429] },
        },
        delete: {
          operationId: "deleteAccount",
          summary: "Delete an account with its finished tasks",
          parameters: [emailPath],
          responses: {
            204: { description: "Deleted." },
            401: errors[401],
            404: errors[404],
            409: errorResponse("Some of its tasks wait or run: cancel them first.", { error: "Account jane@example.com has 1 task(s) waiting or running. Cancel them with DELETE /v1/kling/tasks/{task_id} first." }),
            429: errors[429],
          },
        },
      },
    },
  };
}
