const holder = globalThis as unknown as { __lipsyncShuttingDown?: boolean };

/** Marks the web server as draining after SIGTERM: /readyz answers 503 from then on. */
export function markShuttingDown(): void {
  holder.__lipsyncShuttingDown = true;
}

export function isShuttingDown(): boolean {
  return holder.__lipsyncShuttingDown === true;
}
