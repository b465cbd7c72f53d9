/** Webhook retry policy: exponential backoff from 5 s, capped at 10 min, for at least 30 min. */

/** Keep retrying a delivery until this long after its first attempt, then abandon it. */
export const WEBHOOK_RETRY_WINDOW_MS = 30 * 60 * 1000;
/** Delay before the first retry. */
export const WEBHOOK_FIRST_RETRY_MS = 5 * 1000;
/** Longest delay between two attempts. */
export const WEBHOOK_MAX_RETRY_MS = 10 * 60 * 1000;
/** Longest wait for the receiver's response to one attempt. */
export const WEBHOOK_ATTEMPT_TIMEOUT_MS = 10 * 1000;

/**
 * Delay after the `failures`-th failed attempt (1 = the first attempt failed): 5 s, 10 s, 20 s,
 * ... doubling up to 10 min, each with up to ±10% jitter so retries from many tasks spread out.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(WEBHOOK_MAX_RETRY_MS, WEBHOOK_FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(30, failures - 1)));
  return Math.round(base * (0.9 + 0.2 * random()));
}

/**
 * When to try again after a failed attempt, or null to abandon: retries continue while the
 * failure happened less than WEBHOOK_RETRY_WINDOW_MS after the first attempt, so the last
 * attempt is always at least 30 minutes after the first.
 */
export function nextAttemptAt(firstAttemptAt: Date, failedAt: Date, failures: number, random: () => number = Math.random): Date | null {
  if (failedAt.getTime() - firstAttemptAt.getTime() >= WEBHOOK_RETRY_WINDOW_MS) return null;
  return new Date(failedAt.getTime() + retryDelayMs(failures, random));
}

/** Offsets from the first attempt (ms) of every attempt made while a receiver keeps failing. */
export function attemptSchedule(random: () => number = () => 0.5): number[] {
  const start = new Date(0);
  const times = [0];
  for (let failures = 1; ; failures++) {
    const next = nextAttemptAt(start, new Date(times[times.length - 1]), failures, random);
    if (!next) return times;
    times.push(next.getTime());
  }
}
