import { registerHttpMetrics } from "@/lib/metrics/http-metrics";
import { metricsAllowed, metricsResponse } from "@/lib/metrics/metrics-response";
import { refreshQueueMetrics } from "@/lib/metrics/refresh-queue-metrics";

export const dynamic = "force-dynamic";

/** Prometheus metrics of this web server and the shared task figures (METRICS_TOKEN guards it when set). */
export async function GET(req: Request): Promise<Response> {
  const authorization = req.headers.get("authorization");
  if (metricsAllowed(authorization)) {
    registerHttpMetrics();
    await refreshQueueMetrics();
  }
  const { status, headers, body } = await metricsResponse(authorization);
  return new Response(body, { status, headers });
}
