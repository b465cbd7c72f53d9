import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const integrationTests = [
  "tests/api/**/*.test.ts",
  "tests/jobs/**/*.test.ts",
  "tests/integration/**/*.test.ts",
  "tests/reliability/**/*.test.ts",
  "tests/multinode/**/*.test.ts",
];

export default defineConfig({
  resolve: {
    // Mirrors tsconfig's "@/*": ["./*"].
    alias: [{ find: /^@\//, replacement: fileURLToPath(new URL("./", import.meta.url)) }],
  },
  test: {
    environment: "node",
    // Tests run real ffmpeg, face models, PostgreSQL and Next.js: slow, and CPU-bound on two cores.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: integrationTests,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: integrationTests,
          // The Prisma client once per run; each file starts what it needs (tests/integration/harness).
          globalSetup: ["tests/integration/harness/global-setup.ts"],
          testTimeout: 600_000,
          // startStack() may run next build first.
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
