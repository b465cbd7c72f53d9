/**
 * Playwright's web server: a whole Lipsync Studio (embedded PostgreSQL, the web server, one worker)
 * on E2E_PORT, from tests/integration/harness, until Playwright stops it with SIGTERM.
 */
import { startUseapiContractServer } from "../helpers/useapi-contract-server";
import { startStack } from "../integration/harness";

const port = Number(process.env.E2E_PORT);
// useapi.net stand-in for the useapi accounts spec (08-useapi).
const upstream = await startUseapiContractServer();
const stack = await startStack({ workers: 1, port, env: { USEAPI_BASE_URL: upstream.baseUrl } });
console.log(`[e2e] studio ready at ${stack.baseUrl} (data in ${stack.dataDir})`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stack.stop().finally(() => upstream.stop().finally(() => process.exit(0)));
  });
}
