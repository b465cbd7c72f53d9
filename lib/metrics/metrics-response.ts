import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { metricsRegistry } from "./registry";

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** Whether an Authorization header may read the metrics: always when METRICS_TOKEN is unset. */
export function metricsAllowed(authorization: string | null | undefined): boolean {
  if (!env.METRICS_TOKEN) return true;
  const given = authorization?.match(/^Bearer[ ]+(\S+)\s*$/i)?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(env.METRICS_TOKEN));
}

/** The Prometheus exposition of this process's registry, or 401 without the METRICS_TOKEN. */
export async function metricsResponse(authorization: string | null | undefined): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  if (!metricsAllowed(authorization)) {
    return {
      status: 401,
      headers: { "Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": 'Bearer realm="metrics"' },
      body: "Unauthorized: send Authorization: Bearer <METRICS_TOKEN>.\n",
    };
  }
  const registry = metricsRegistry();
  return { status: 200, headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" }, body: await registry.metrics() };
}
