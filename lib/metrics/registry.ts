import { collectDefaultMetrics, type Metric, Registry } from "prom-client";

const holder = globalThis as unknown as { __lipsyncMetrics?: Registry };

/**
 * The process's Prometheus registry, with Node's process metrics (CPU, memory, event loop lag).
 * Kept on globalThis: Next.js may load this module once per route bundle.
 */
export function metricsRegistry(): Registry {
  if (!holder.__lipsyncMetrics) {
    holder.__lipsyncMetrics = new Registry();
    collectDefaultMetrics({ register: holder.__lipsyncMetrics });
  }
  return holder.__lipsyncMetrics;
}

/** The metric of that name in the process's registry, made by `create` the first time. */
export function singleMetric<T extends Metric>(name: string, create: (registry: Registry) => T): T {
  const registry = metricsRegistry();
  return (registry.getSingleMetric(name) as T | undefined) ?? create(registry);
}
