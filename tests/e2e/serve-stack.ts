/**
 * Playwright's web server: a whole Lipsync Studio (embedded PostgreSQL, `next start`, one worker)
 * on E2E_PORT, from tests/integration/harness, until Playwright stops it with SIGTERM.
 */
import { startStack } from "../integration/harness";

const port = Number(process.env.E2E_PORT);
const stack = await startStack({ workers: 1, port });
console.log(`[e2e] studio ready at ${stack.baseUrl} (data in ${stack.dataDir})`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stack.stop().finally(() => process.exit(0));
  });
}
