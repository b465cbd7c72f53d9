import { createServer, type Server } from "node:http";
import next from "next";
import { logger } from "@/lib/log/logger";
import { serveTaskPoll, taskPollId } from "./serve-task-poll";

/**
 * The production web server: Next.js (studio, share pages, API) behind a plain Node HTTP server
 * that answers task polls itself (see serve-task-poll.ts). Resolves once it listens.
 */
export async function startWebServer(options: { dir: string; hostname: string; port: number }): Promise<Server> {
  const app = next({ dev: false, dir: options.dir, hostname: options.hostname, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    const taskId = taskPollId(req);
    const answered = taskId === undefined ? handle(req, res) : serveTaskPoll(req, res, taskId);
    answered.catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: "Internal server error", code: 500 }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  return server;
}
