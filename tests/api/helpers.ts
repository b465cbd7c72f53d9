import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURE_VIDEO = fileURLToPath(new URL("../fixtures/astronaut.mp4", import.meta.url));
export const FIXTURE_SPEECH = fileURLToPath(new URL("../fixtures/speech.wav", import.meta.url));
export const videoBytes = () => readFileSync(FIXTURE_VIDEO);
export const speechBytes = () => readFileSync(FIXTURE_SPEECH);

export const NOT_FOUND_BODY = {
  error: "Sorry, the requested resource was not found (VALID.ResourceNotFound)",
  message: "Not Found",
};
export const UNAUTHORIZED_BODY = { error: "Unauthorized", code: 401 };

export interface ApiClient {
  baseUrl: string;
  token: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  json<T = Record<string, unknown>>(path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }>;
  postJson<T = Record<string, unknown>>(path: string, body: unknown): Promise<{ status: number; body: T; headers: Headers }>;
  upload(bytes: Uint8Array, fileName: string): Promise<{ url: string; assetId: string; fileName: string; contentType: string }>;
}

/** A small fetch client for one token; paths are relative to /v1/kling unless they start with /v1. */
export function apiClient(baseUrl: string, token: string): ApiClient {
  const url = (path: string) => `${baseUrl}${path.startsWith("/v1") ? path : `/v1/kling${path}`}`;
  const request = (path: string, init: RequestInit = {}) =>
    fetch(url(path), { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
  const json = async <T>(path: string, init?: RequestInit) => {
    const response = await request(path, init);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
  };
  return {
    baseUrl,
    token,
    request,
    json,
    postJson: (path, body) =>
      json(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
    async upload(bytes, fileName) {
      const { status, body } = await json<{ url: string; assetId: string; fileName: string; contentType: string }>(
        `/assets?fileName=${encodeURIComponent(fileName)}`,
        { method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: Uint8Array.from(bytes) },
      );
      if (status !== 200) throw new Error(`upload failed: ${status} ${JSON.stringify(body)}`);
      return body;
    },
  };
}

export interface TaskModel {
  task: { id: number; status: number };
  status: number;
  status_name: string;
  status_final: boolean;
  progress: number;
  stage: string | null;
  error?: string;
  errorCode?: string;
  works: Array<{ workId: number; resource: { resource: string; width: number; height: number; duration: number }; cover?: { resource: string } }>;
}

/** Polls GET /tasks/{id} until status_final, for at most `timeoutMs`; `seen` collects every model read. */
export async function waitForTask(client: ApiClient, id: number, timeoutMs = 240_000, seen: TaskModel[] = []): Promise<TaskModel> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await client.json<TaskModel>(`/tasks/${id}`);
    if (status !== 200) throw new Error(`GET /tasks/${id}: ${status} ${JSON.stringify(body)}`);
    seen.push(body);
    if (body.status_final) return body;
    if (Date.now() > deadline) throw new Error(`task ${id} not final after ${timeoutMs} ms: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
