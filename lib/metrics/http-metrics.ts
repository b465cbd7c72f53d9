import { Histogram } from "prom-client";
import { singleMetric } from "./registry";

const httpDuration = () =>
  singleMetric(
    "lipsync_http_request_duration_seconds",
    (registry) =>
      new Histogram({
        name: "lipsync_http_request_duration_seconds",
        help: "API requests: time from the route handler's start to its response, by method, route and status.",
        labelNames: ["method", "route", "status"],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers: [registry],
      }),
  );

/** Registers the histogram at start, so a scrape shows it before the first API request. */
export function registerHttpMetrics(): void {
  httpDuration();
}

/** Records one API request; `route` is the route's pattern (a few values), never the raw path. */
export function observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
  httpDuration().observe({ method, route, status: String(status) }, seconds);
}

/**
 * The route pattern of a request from its path and Next.js params: /v1/kling/tasks/42 with
 * { task_id: "42" } gives /v1/kling/tasks/[task_id]; a catch-all gives [...name].
 */
export function routePattern(pathname: string, params: Record<string, string | string[]>): string {
  const segments = pathname.split("/");
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      segments.splice(Math.max(1, segments.length - value.length), value.length, `[...${name}]`);
      continue;
    }
    const index = segments.findIndex((segment) => safeDecode(segment) === value);
    if (index > 0) segments[index] = `[${name}]`;
  }
  return segments.join("/");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
