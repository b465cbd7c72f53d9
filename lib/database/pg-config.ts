import type { PoolConfig } from "pg";

/**
 * Splits a postgres:// URL into separate pg settings. PrismaPg opens its shadow database by
 * overriding `database` in these settings, which a `connectionString` would silently win over.
 */
export function pgConfigFromUrl(databaseUrl: string): PoolConfig {
  const url = new URL(databaseUrl);
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new Error(`DATABASE_URL must start with postgresql://, got ${url.protocol}//...`);
  }
  const schema = url.searchParams.get("schema");
  if (schema && schema !== "public") throw new Error("DATABASE_URL: only the public schema is supported");
  const sslmode = url.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(url.hostname) || "localhost",
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)) || undefined,
    ssl: sslmode && sslmode !== "disable" ? { rejectUnauthorized: sslmode === "verify-full" } : undefined,
    application_name: url.searchParams.get("application_name") ?? undefined,
  };
}
