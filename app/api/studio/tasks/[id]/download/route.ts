import { ApiError } from "@/lib/api/errors";
import { taskIdSchema } from "@/lib/api/tasks/schemas";
import { withApi } from "@/lib/api/with-api";
import { serveResultDownload } from "@/lib/studio/task-detail/serve-result-download";

export const dynamic = "force-dynamic";

/** The task's result as a download (the "Download" link of the task page). */
export const GET = withApi<{ id: string }>(async ({ req, params, auth }) => {
  const id = taskIdSchema.safeParse(params.id);
  if (!id.success) throw new ApiError("not_found", `Task ${params.id.slice(0, 20)} was not found.`);
  return serveResultDownload(req, auth.userId, id.data);
}, { auth: true });
