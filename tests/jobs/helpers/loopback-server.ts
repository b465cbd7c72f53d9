/**
 * A loopback HTTP server for job tests: serves the fixtures (and extra files) by name, a body
 * that never completes at /stall, any status at /status/<code>, and records POSTs to /hook.
 * Misbehaving answers for input downloads: /hang (no answer at all), /redirect-loop,
 * /redirect?to=<url> (307), /overflow (more bytes than its Content-Length), /truncated (fewer,
 * then the connection drops) and /too-big (announces 8 GiB).
 */
import { createReadStream, statSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const fixtures = fileURLToPath(new URL("../../fixtures", import.meta.url));

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  at: number;
}

export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  files: string;
  /** Webhook receiver URL; calls land in `hooks`. `hookResponses` (status codes) answer first. */
  hookUrl: string;
  hooks: ReceivedHook[];
  hookResponses: number[];
  /** Extra files to serve, by path ("/long.mp4" → a local file). */
  serve: Map<string, string>;
  /** Callbacks received for one task (X-Lipsync-Task), in arrival order. */
  hooksOf: (taskId: number) => ReceivedHook[];
  stop: () => Promise<void>;
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const hooks: ReceivedHook[] = [];
  const hookResponses: number[] = [];
  const serve = new Map<string, string>();
  const stalled = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "POST" && url.pathname === "/hook") {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk));
      req.on("end", () => {
        hooks.push({ headers: req.headers, body, json: JSON.parse(body) as Record<string, unknown>, at: Date.now() });
        const status = hookResponses.shift() ?? 200;
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(status === 200 ? "ok" : "try again");
      });
      return;
    }
    if (url.pathname === "/stall") {
      res.writeHead(200, { "content-length": 1_000_000 });
      res.write("x");
      stalled.add(res);
      return;
    }
    if (url.pathname === "/hang") {
      stalled.add(res);
      return;
    }
    if (url.pathname === "/redirect-loop" || url.pathname === "/redirect") {
      res.writeHead(url.pathname === "/redirect" ? 307 : 302, { location: url.searchParams.get("to") ?? "/redirect-loop" });
      res.end();
      return;
    }
    if (url.pathname === "/overflow") {
      const socket = res.socket!;
      res.detachSocket(socket);
      socket.end(`HTTP/1.1 200 OK\r\ncontent-length: 10\r\nconnection: close\r\n\r\n${"x".repeat(5000)}`);
      return;
    }
    if (url.pathname === "/truncated") {
      res.writeHead(200, { "content-length": 200_000 });
      res.write(Buffer.alloc(1000), () => res.socket?.destroy());
      return;
    }
    if (url.pathname === "/too-big") {
      res.writeHead(200, { "content-length": 8 * 1024 ** 3 });
      res.flushHeaders();
      stalled.add(res);
      return;
    }
    const status = url.pathname.match(/^\/status\/(\d{3})$/);
    if (status) {
      res.writeHead(Number(status[1]));
      res.end();
      return;
    }
    const file = serve.get(url.pathname) ?? path.join(fixtures, path.basename(url.pathname));
    const size = statSync(file, { throwIfNoEntry: false })?.size;
    if (size === undefined) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "content-length": size, "content-type": "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const files = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    files,
    hookUrl: `${files}/hook`,
    hooks,
    hookResponses,
    serve,
    hooksOf: (taskId) => hooks.filter((hook) => hook.headers["x-lipsync-task"] === String(taskId)),
    stop: async () => {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
