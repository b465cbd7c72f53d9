import { deleteTask } from "@/lib/api/tasks/delete-task";
import { getTaskHandler } from "@/lib/api/tasks/get-task-handler";
import { withApi } from "@/lib/api/with-api";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";

export const dynamic = "force-dynamic";

export const GET = getTaskHandler;

export const DELETE = withApi<{ task_id: string }>(async ({ params, searchParams, auth }) => {
  const cancelled = await deleteTask(auth.userId, params.task_id, searchParams);
  return cancelled ? Response.json(cancelled) : new Response(null, { status: 204 });
}, { auth: true });

export const { POST, PUT, PATCH } = methodsNotAllowed(["GET", "DELETE"]);
