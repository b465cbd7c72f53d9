import { ApiError } from "@/lib/api/errors";
import { taskIdSchema } from "@/lib/api/tasks/schemas";
import { withApi } from "@/lib/api/with-api";
import { findTaskSnapshot } from "@/lib/studio/task-detail/find-task-snapshot";

export const dynamic = "force-dynamic";

/** The task page's live view of one task (polled while it runs). */
export const GET = withApi<{ id: string }>(async ({ params, auth }) => {
  const id = taskIdSchema.safeParse(params.id);
  const snapshot = id.success ? await findTaskSnapshot(auth.userId, id.data) : null;
  if (!snapshot) throw new ApiError("not_found", `Task ${params.id.slice(0, 20)} was not found.`);
  return Response.json(snapshot, { headers: { "Cache-Control": "no-store" } });
}, { auth: true });
