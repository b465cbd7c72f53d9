/**
 * The web server process: the studio, the share pages and the API (Next.js production build,
 * with task polls answered directly: lib/web). `npm start` runs it beside a worker; a machine
 * that only serves the web runs `npm run web` (docs/deploy.md). PORT and HOSTNAME say where it listens.
 */
import { loadEnv } from "./load-env";
import { projectRoot } from "./web-build";

async function main(): Promise<number> {
  // Before Next.js and React load: they pick their production builds by it.
  Reflect.set(process.env, "NODE_ENV", "production");
  const env = await loadEnv();
  if (!env) return 1;
  const { logger } = await import("../log/logger");
  const { startWebServer } = await import("../web/start-web-server");
  const { handleWebShutdown } = await import("../ops/handle-web-shutdown");
  const server = await startWebServer({ dir: projectRoot, hostname: env.HOSTNAME, port: env.PORT });
  handleWebShutdown(server);
  logger.child({ role: "web" }).info(`ready on http://${env.HOSTNAME}:${env.PORT}`);
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
