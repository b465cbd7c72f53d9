import { withApi } from "@/lib/api/with-api";
import { listStudioTasks } from "@/lib/studio/tasks/list-studio-tasks";
import { studioTaskQuerySchema } from "@/lib/studio/tasks/studio-task-query";

export const dynamic = "force-dynamic";

/** The history page polls this: one page of the signed-in user's tasks (?status=&q=&page=). */
export const GET = withApi(
  async ({ searchParams, auth }) => {
    const query = studioTaskQuerySchema.parse(Object.fromEntries(searchParams));
    return Response.json(await listStudioTasks(auth.userId, query), { headers: { "Cache-Control": "no-store" } });
  },
  { auth: true },
);
