import { Counter, Histogram } from "prom-client";
import { singleMetric } from "./registry";

const taskDuration = () =>
  singleMetric(
    "lipsync_task_duration_seconds",
    (registry) =>
      new Histogram({
        name: "lipsync_task_duration_seconds",
        help: "Task attempts run by this worker, from claim to end (download and lip sync), by outcome.",
        labelNames: ["outcome"],
        buckets: [1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 900, 1800],
        registers: [registry],
      }),
  );

const engineFps = () =>
  singleMetric(
    "lipsync_engine_fps",
    (registry) =>
      new Histogram({
        name: "lipsync_engine_fps",
        help: "Frames per second of the engine's whole run (probe to encode) on each succeeded task.",
        buckets: [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120],
        registers: [registry],
      }),
  );

const webhookFailures = () =>
  singleMetric(
    "lipsync_webhook_delivery_failures_total",
    (registry) =>
      new Counter({
        name: "lipsync_webhook_delivery_failures_total",
        help: "Callback attempts that failed (error or non-2xx answer); final=true when the delivery was then given up.",
        labelNames: ["final"],
        registers: [registry],
      }),
  );

/** A task attempt ended: succeeded, failed, or handed back (released, lost to another worker, crashed). */
export function observeTaskEnd(outcome: "succeeded" | "failed" | "released" | "lost" | "crashed", seconds: number): void {
  taskDuration().observe({ outcome }, seconds);
}

export function observeEngineFps(frames: number, seconds: number): void {
  if (seconds > 0) engineFps().observe(frames / seconds);
}

export function countWebhookFailure(final: boolean): void {
  webhookFailures().inc({ final: String(final) });
}

/** Registers the worker's metrics at start, so a scrape shows them (at zero) before the first task. */
export function registerTaskMetrics(): void {
  taskDuration();
  engineFps();
  webhookFailures();
}
