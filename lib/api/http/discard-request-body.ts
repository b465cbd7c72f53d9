import type { Readable } from "node:stream";

/** How long the rest of a refused body is read and dropped before the connection is cut. */
const DISCARD_MS = 30_000;

/**
 * Reads and drops what is left of a request body the server has refused, so the error response
 * reaches the client: destroying the body stream would reset the connection first. After
 * DISCARD_MS the stream is destroyed anyway (a client that keeps sending is cut off).
 */
export function discardRequestBody(body: Readable): void {
  if (body.destroyed || body.readableEnded) return;
  const timer = setTimeout(() => body.destroy(), DISCARD_MS);
  timer.unref();
  body.on("error", () => {});
  body.once("close", () => clearTimeout(timer));
  body.once("end", () => clearTimeout(timer));
  body.resume();
}
