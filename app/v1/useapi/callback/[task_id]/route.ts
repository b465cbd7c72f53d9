import { withApi } from "@/lib/api/with-api";
import { triggerUseapiPoll } from "@/lib/jobs/useapi/trigger-useapi-poll";

export const dynamic = "force-dynamic";

/** useapi.net's replyUrl: only triggers an early poll; the body is never read, let alone trusted. */
export const POST = withApi<{ task_id: string }>(
  async ({ req, params, searchParams }) => {
    await req.body?.cancel().catch(() => undefined);
    await triggerUseapiPoll(params.task_id, searchParams.get("sig") ?? "");
    return Response.json({ ok: true });
  },
  { auth: false },
);
