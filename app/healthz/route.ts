export const dynamic = "force-dynamic";

/** Liveness: the process answers. Checks nothing else (that is /readyz). */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
