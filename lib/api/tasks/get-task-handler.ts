import { baseUrlFromHeaders } from "@/lib/api/base-url-from-headers";
import { getTask } from "@/lib/api/tasks/get-task";
import { withApi } from "@/lib/api/with-api";

/**
 * GET /v1/kling/tasks/{task_id}: the route's handler, also called directly by the web server
 * for bearer-token polls (lib/web/serve-task-poll.ts), so it takes everything from the request.
 */
export const getTaskHandler = withApi<{ task_id: string }>(
  async ({ req, params, searchParams, auth }) =>
    Response.json(await getTask(auth.userId, params.task_id, searchParams, baseUrlFromHeaders(req.headers))),
  { auth: true },
);
