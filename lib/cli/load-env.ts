import type { Env } from "../env";

/**
 * The validated environment for a command-line entry point, or undefined after printing why it
 * is invalid (imported lazily so the message is all a bad variable produces).
 */
export async function loadEnv(): Promise<Env | undefined> {
  try {
    return (await import("../env")).env;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return undefined;
  }
}
