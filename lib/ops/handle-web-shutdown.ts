import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { markShuttingDown } from "./shutdown-state";

/**
 * The web server's SIGTERM: `next start` itself stops accepting connections and exits once the
 * requests in flight are answered; this marks the server as draining (/readyz answers 503) and
 * bounds the wait: after SHUTDOWN_GRACE_SECONDS the process exits even with requests unanswered
 * (a long upload is cut off; it keeps nothing, see lib/storage).
 */
export function handleWebShutdown(): void {
  process.once("SIGTERM", () => {
    markShuttingDown();
    logger.info(`SIGTERM: answering the requests in flight, at most ${env.SHUTDOWN_GRACE_SECONDS} s`);
    setTimeout(() => {
      logger.warn(`requests still open after ${env.SHUTDOWN_GRACE_SECONDS} s (SHUTDOWN_GRACE_SECONDS): exiting`);
      process.exit(143);
    }, env.SHUTDOWN_GRACE_SECONDS * 1000).unref();
  });
}
