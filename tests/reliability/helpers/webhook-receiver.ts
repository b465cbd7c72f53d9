import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

export interface ReceivedCallback {
  event: string;
  delivery: string;
  task: number;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface ReceivedCallbackAt extends ReceivedCallback {
  at: number;
}

/**
 * A webhook receiver that can be down: nothing listens on `port` until start(), and again after
 * stop(). The first `hold` callbacks it receives get no answer at all (the sender waits).
 */
export function webhookReceiver(port: number, options: { hold?: number } = {}) {
  const received: ReceivedCallbackAt[] = [];
  let held = options.hold ?? 0;
  let server: Server | undefined;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    async start(): Promise<void> {
      server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk));
        req.on("end", () => {
          received.push({
            event: String(req.headers["x-lipsync-event"]),
            delivery: String(req.headers["x-lipsync-delivery"]),
            task: Number(req.headers["x-lipsync-task"]),
            headers: req.headers,
            body: JSON.parse(body) as Record<string, unknown>,
            at: Date.now(),
          });
          if (held > 0) held--;
          else res.writeHead(200).end("ok");
        });
      });
      await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    },
    async stop(): Promise<void> {
      server?.closeAllConnections();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      server = undefined;
    },
  };
}
