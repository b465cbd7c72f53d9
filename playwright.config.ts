import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

/**
 * End-to-end tests in Debian's chromium against a whole studio (tests/e2e/serve-stack.ts).
 * Screenshots of every page, light and dark, go to test-results/screenshots.
 */
export default defineConfig({
  testDir: "tests/e2e",
  // One studio, one worker process for lip syncs: the tests share it, in order.
  workers: 1,
  fullyParallel: false,
  timeout: 420_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results/e2e",
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: "node --import tsx tests/e2e/serve-stack.ts",
    url: `${baseURL}/sign-in`,
    env: { E2E_PORT: String(port) },
    // The first run builds the web app.
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
  },
});
