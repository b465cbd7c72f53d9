import { createServer, type Server } from "node:http";
import type { Logger } from "@/lib/log/logger";
import { metricsResponse } from "./metrics-response";

/** A worker's own metrics endpoint: GET /metrics on `port` (all interfaces), same token rule as the web's. */
export async function startMetricsServer(port: number, log: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "GET" || path !== "/metrics") {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found: GET /metrics\n");
      return;
    }
    metricsResponse(req.headers.authorization).then(
      ({ status, headers, body }) => res.writeHead(status, headers).end(body),
      (error: unknown) => {
        log.error({ err: error }, "metrics: could not render");
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return server;
}
