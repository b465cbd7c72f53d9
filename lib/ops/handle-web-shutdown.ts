import type { Server } from "node:http";
import { constants } from "node:os";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { markShuttingDown } from "./shutdown-state";

/**
 * The web server's SIGTERM (and SIGINT): it stops accepting connections, marks itself draining
 * (/readyz answers 503 on connections still open), and exits once the requests in flight are
 * answered, or after SHUTDOWN_GRACE_SECONDS with requests unanswered (a long upload is cut off;
 * it keeps nothing, see lib/storage). The exit code is 128 + the signal's number.
 */
export function handleWebShutdown(server: Server): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      markShuttingDown();
      const code = 128 + constants.signals[signal];
      logger.info(`${signal}: answering the requests in flight, at most ${env.SHUTDOWN_GRACE_SECONDS} s`);
      server.close(() => process.exit(code));
      setTimeout(() => {
        logger.warn(`requests still open after ${env.SHUTDOWN_GRACE_SECONDS} s (SHUTDOWN_GRACE_SECONDS): exiting`);
        process.exit(code);
      }, env.SHUTDOWN_GRACE_SECONDS * 1000).unref();
    });
  }
}
