import path from "node:path";
import { defineConfig } from "prisma/config";
import { createMigrateAdapter } from "./lib/database/migrate-adapter";

// Prisma 6 with the JS schema engine: migrate runs through @prisma/adapter-pg, so no native
// engine binary is downloaded. DATABASE_URL is read only when a command needs the database.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: prisma migrate needs a database (npm start sets it up)");
    return createMigrateAdapter(url);
  },
});
