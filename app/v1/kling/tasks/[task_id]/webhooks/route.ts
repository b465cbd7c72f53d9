import { listTaskWebhooks } from "@/lib/api/tasks/list-task-webhooks";
import { withApi } from "@/lib/api/with-api";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";

export const dynamic = "force-dynamic";

export const GET = withApi<{ task_id: string }>(
  async ({ params, searchParams, auth }) => Response.json(await listTaskWebhooks(auth.userId, params.task_id, searchParams)),
  { auth: true },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
