import type { IncomingMessage, ServerResponse } from "node:http";
import { getTaskHandler } from "@/lib/api/tasks/get-task-handler";
import { securityHeaders } from "./security-headers";

// GET /v1/kling/tasks/{task_id}, one path segment, with or without a query string.
const TASK_POLL_PATH = /^\/v1\/kling\/tasks\/([^/?#]+)(?:\?|$)/;
const HEADERS = securityHeaders(false);

/**
 * The task id of a bearer-token GET of one task (what every API client polls), else undefined:
 * the web server answers those itself (serveTaskPoll) and hands everything else to Next.js.
 */
export function taskPollId(req: IncomingMessage): string | undefined {
  if (req.method !== "GET" || !req.headers.authorization) return undefined;
  const encoded = TASK_POLL_PATH.exec(req.url ?? "")?.[1];
  if (encoded === undefined) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded; // a malformed escape: no such task (Next.js would answer 500)
  }
}

/**
 * Answers a task poll with the route's own handler (same token check, rate limit, owner check,
 * errors and body as through Next.js), without Next.js's per-request routing, which costs more
 * than the poll itself (docs/benchmarks.md, "API latency").
 */
export async function serveTaskPoll(req: IncomingMessage, res: ServerResponse, taskId: string): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // The handler reads only the path and query from the URL; links come from the Host header, checked there.
  const url = new URL(req.url ?? "/", "http://localhost");
  const response = await getTaskHandler(new Request(url, { headers }), { params: Promise.resolve({ task_id: taskId }) });
  const body = Buffer.from(await response.arrayBuffer());
  for (const { key, value } of HEADERS) res.setHeader(key, value);
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.setHeader("Content-Length", body.length);
  res.writeHead(response.status);
  res.end(body);
}
