import { checkReadiness } from "@/lib/ops/check-readiness";

export const dynamic = "force-dynamic";

/** Readiness: 200 when the database, storage and queue answer; 503 naming the failing parts. */
export async function GET(): Promise<Response> {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
