/** Prisma's codes for a database it cannot reach, lost the connection to, or waited too long for. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** PostgreSQL shutting down or starting up (SQLSTATE class 08 is handled apart: connection exceptions). */
const POSTGRES_CODES = new Set(["57P01", "57P02", "57P03"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);
const MESSAGES = /Can't reach database server|DatabaseNotReachable|Connection terminated|terminating connection due to administrator command/i;

/**
 * Whether `error` (or a cause of it) means the database is out of reach for now (stopped,
 * restarting, network down) rather than a bug: worth a 503 and a retry, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (PRISMA_CODES.has(code) || POSTGRES_CODES.has(code) || SOCKET_CODES.has(code) || code.startsWith("08"))) {
      return true;
    }
    if (MESSAGES.test(String((current as { message?: unknown }).message ?? ""))) return true;
  }
  return false;
}
