/**
 * The server's logger (pino): one JSON object per line on stdout, or readable colored lines when
 * stdout is a terminal (pino-pretty). LOG_LEVEL sets the threshold. Give each unit of work its own
 * child so every line carries its context:
 *
 *   const log = logger.child({ taskId });
 *   log.info("attempt 1 started");
 */
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { env } from "@/lib/env";

export type { Logger };

function createLogger(): Logger {
  const options = { level: env.LOG_LEVEL };
  if (!process.stdout.isTTY) return pino(options);
  return pino(options, pretty({ colorize: true, sync: true, ignore: "hostname", translateTime: "SYS:HH:MM:ss.l" }));
}

export const logger = createLogger();
