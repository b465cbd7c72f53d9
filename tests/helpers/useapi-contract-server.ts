/**
 * A useapi.net stand-in for tests: a real HTTP server on a free loopback port that answers the
 * Kling lip-sync endpoints as /work/shared/notes-useapi-kling.md (and the seed) describe them.
 * The bearer token picks the behaviour, so one server serves every case at once:
 *
 *   user:1-ok          submit answers { task: { id } }; 2 polls "processing", then "succeed"
 *   user:1-flat        submit answers the oldest flat shape { id, status: "submitted", ... }
 *   user:1-busy        the first 3 submits answer 429 (Retry-After: 1), then as ok
 *   user:1-revoked     account checks pass; uploads answer 401 {"error":"Unauthorized","code":401}
 *   user:1-unpaid      /v2/account passes; the Kling accounts list answers 402; submits 402
 *   user:1-nosub       account checks pass; submits answer 402 (subscription expired since)
 *   user:1-moderation  submit answers 500 with Kling's moderation text
 *   user:1-gone        polls answer 404 (task deleted, moderation or out of credits)
 *   user:1-slow        6 polls "processing", then "succeed" (also user:1-slowkill, user:1-slowcancel)
 *   user:1-drop        the first poll's connection is destroyed mid-answer, then as ok
 *   user:1-hang        the submit is recorded, then answered only after 8 s
 *   user:1-failed      the task ends status_final with status_name "failed"
 *   anything else      401 everywhere
 *
 * The Kling account configured upstream is kling@example.com. The result video is the real
 * tests/fixtures/astronaut.mp4, served from this server.
 */
import { readFileSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

export const CONTRACT_KLING_EMAIL = "kling@example.com";
const RESULT_MP4 = readFileSync(fileURLToPath(new URL("../fixtures/astronaut.mp4", import.meta.url)));
// A 1x1 JPEG: the cover.
const COVER_JPG = Buffer.from(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
  "base64",
);

export interface ContractTask {
  id: number;
  scenario: string;
  email: string;
  video: string;
  audio: string;
  replyUrl?: string;
  replyRef?: string;
  polls: number;
  stopped: boolean;
}

export interface ContractServer {
  baseUrl: string;
  tasks: Map<number, ContractTask>;
  /** Every request, as "METHOD /path scenario". */
  log: string[];
  /** Submits per scenario (429s included). */
  submits(scenario: string): number;
  /** Uploaded assets: url -> { contentType, bytes }. */
  assets: Map<string, { contentType: string; bytes: number }>;
  stop(): Promise<void>;
}

const UNAUTHORIZED = { error: "Unauthorized", code: 401 };
const SCENARIOS = new Set(["ok", "flat", "busy", "revoked", "unpaid", "nosub", "moderation", "gone", "slow", "drop", "hang", "failed", "slowkill", "slowcancel"]);

export async function startUseapiContractServer(): Promise<ContractServer> {
  const tasks = new Map<number, ContractTask>();
  const assets = new Map<string, { contentType: string; bytes: number }>();
  const submitCounts = new Map<string, number>();
  const log: string[] = [];
  let nextId = 900_000_001;
  let baseUrl = "";

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => resolve(Buffer.concat(chunks)));
      req.on("error", reject);
    });

  const taskModel = (task: ContractTask) => {
    const done = task.scenario.startsWith("slow") ? task.polls > 6 : task.polls > 2;
    const failed = task.scenario === "failed" && done;
    const status_name = failed ? "failed" : done ? "succeed" : task.polls === 0 ? "submitted" : "processing";
    const status = { submitted: 5, processing: 10, succeed: 99, failed: 50 }[status_name];
    return {
      status,
      status_name,
      status_final: done,
      message: failed ? "Lip sync failed: no face detected in the video" : done ? "success" : "",
      task: { id: task.id, type: "m2v_video_lip_sync", status, status_name, status_final: done, taskInfo: { inputs: [{ name: "video", url: task.video }, { name: "audio", url: task.audio }] } },
      works: done && !failed
        ? [{ workId: task.id + 7, taskId: task.id, status: 99, status_name: "succeed", contentType: "video", resource: { resource: `${baseUrl}/files/result-${task.id}.mp4`, duration: 5041 }, cover: { resource: `${baseUrl}/files/cover-${task.id}.jpg` } }]
        : [],
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", baseUrl);
    const auth = req.headers.authorization ?? "";
    const named = /^Bearer user:1-([a-z]+)$/.exec(auth)?.[1] ?? "";
    const scenario = SCENARIOS.has(named) ? named : "";
    log.push(`${req.method} ${url.pathname} ${scenario}`);
    const body = await readBody(req);

    if (url.pathname.startsWith("/files/")) {
      const mp4 = url.pathname.endsWith(".mp4");
      res.writeHead(200, { "content-type": mp4 ? "video/mp4" : "image/jpeg", "content-length": String(mp4 ? RESULT_MP4.length : COVER_JPG.length) });
      res.end(mp4 ? RESULT_MP4 : COVER_JPG);
      return;
    }
    if (!scenario) return send(res, 401, UNAUTHORIZED);

    if (req.method === "GET" && url.pathname === "/v2/account") {
      return send(res, 200, { email: "owner@example.com", created: "2025-01-01T00:00:00Z", name: "owner", verified: true, sub: "2026-12-31", replyUrl: "" });
    }
    if (req.method === "GET" && url.pathname === "/v1/kling/accounts") {
      if (scenario === "unpaid") return send(res, 402, { error: "Subscription required", code: 402 });
      return send(res, 200, { [CONTRACT_KLING_EMAIL]: { email: CONTRACT_KLING_EMAIL, session: { userId: 1 }, maxJobs: 10, password: "…secured…" } });
    }
    if (req.method === "POST" && url.pathname.replace(/\/$/, "") === "/v1/kling/assets") {
      if (scenario === "revoked") return send(res, 401, UNAUTHORIZED);
      const contentType = req.headers["content-type"] ?? "";
      if (!/^(video\/(mp4|quicktime)|audio\/(wav|wave|mpeg|mp4|flac|aac|ogg)|image\/(png|jpeg))$/.test(contentType)) {
        return send(res, 400, { error: `Content-Type ${contentType} is not supported. Valid values: image/png,…,audio/ogg` });
      }
      const name = `asset-${assets.size + 1}.${contentType.split("/")[1]}`;
      const assetUrl = `${baseUrl}/files/${name}`;
      assets.set(assetUrl, { contentType, bytes: body.length });
      return send(res, 200, contentType.startsWith("video/")
        ? { status: 1, url: assetUrl, resourceUrl: assetUrl, message: "", fileName: name }
        : { status: 3, url: assetUrl, message: "", fileName: name });
    }
    if (req.method === "POST" && url.pathname === "/v1/kling/videos/lipsync") {
      submitCounts.set(scenario, (submitCounts.get(scenario) ?? 0) + 1);
      const input = JSON.parse(body.toString() || "{}") as { email?: string; video?: string; audio?: string; replyUrl?: string; replyRef?: string };
      if (scenario === "busy" && (submitCounts.get(scenario) ?? 0) <= 3) return send(res, 429, { error: "All accounts are busy", code: 429 }, { "retry-after": "1" });
      if (scenario === "unpaid" || scenario === "nosub") return send(res, 402, { error: "Subscription required", code: 402 });
      if (scenario === "moderation") {
        return send(res, 500, { error: "The content you uploaded appears to violate the community guidelines. (CM_EXT.POther)", message: "Service busy (CM_EXT.POther)" });
      }
      if (!input.video || !assets.has(input.video) || !input.audio || !assets.has(input.audio)) {
        return send(res, 404, { error: "Sorry, the requested resource was not found (VALID.ResourceNotFound)", message: "Not Found" });
      }
      const task: ContractTask = { id: nextId++, scenario, email: input.email ?? "", video: input.video, audio: input.audio, replyUrl: input.replyUrl, replyRef: input.replyRef, polls: 0, stopped: false };
      tasks.set(task.id, task);
      if (scenario === "hang") await new Promise((resolve) => setTimeout(resolve, 8_000));
      if (scenario === "flat") {
        return send(res, 200, { id: task.id, created: Date.now(), status: "submitted", status_final: false, type: "m2v_video_lip_sync", taskInfo: { inputs: [{ name: "video", url: task.video }] } });
      }
      return send(res, 200, { ...taskModel(task), task: { ...taskModel(task).task, userId: 1 } });
    }
    const taskMatch = /^\/v1\/kling\/tasks\/(\d+)$/.exec(url.pathname);
    if (req.method === "GET" && taskMatch) {
      const task = tasks.get(Number(taskMatch[1]));
      if (!task || task.scenario === "gone" || url.searchParams.get("email") !== task.email) {
        return send(res, 404, { error: `Task ${taskMatch[1]} not found`, message: "Not Found" });
      }
      task.polls++;
      if (task.scenario === "drop" && task.polls === 1) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
        res.write('{"status":10,"status_na');
        setTimeout(() => res.socket?.destroy(), 50);
        return;
      }
      const model = taskModel(task);
      if (model.status_final && task.replyUrl) {
        void fetch(task.replyUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(model) }).catch(() => undefined);
      }
      return send(res, 200, model);
    }
    if (req.method === "GET" && url.pathname === "/v1/kling/scheduler") {
      return send(res, 200, [...tasks.values()].filter((task) => !task.stopped && task.polls <= 2).map((task) => ({ id: task.id, email: task.email, started: new Date().toISOString(), elapsed: "00:01", replyUrl: task.replyUrl, replyRef: task.replyRef })));
    }
    if (req.method === "GET" && url.pathname.replace(/\/$/, "") === "/v1/kling/tasks") {
      return send(res, 200, { history: [...tasks.values()].map((task) => ({ ...taskModel(task).task, works: taskModel(task).works })) });
    }
    const stopMatch = /^\/v1\/kling\/scheduler\/(\d+)$/.exec(url.pathname);
    if (req.method === "DELETE" && stopMatch) {
      const task = tasks.get(Number(stopMatch[1]));
      if (!task || task.stopped) return send(res, 404, { error: `Unable to locate running task_id ${stopMatch[1]}` });
      task.stopped = true;
      return send(res, 200, { message: "Task was successfully canceled." });
    }
    return send(res, 404, { error: `no such endpoint ${req.method} ${url.pathname}` });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => send(res, 500, { error: error.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    tasks,
    log,
    assets,
    submits: (scenario) => submitCounts.get(scenario) ?? 0,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
