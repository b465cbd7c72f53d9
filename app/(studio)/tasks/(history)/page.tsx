import { HydrationBoundary, QueryClient, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { TaskHistory } from "@/components/history/task-history";
import { studioTasksKey } from "@/components/history/task-list-query";
import { requireUser } from "@/lib/auth/require-user";
import { listStudioTasks } from "@/lib/studio/tasks/list-studio-tasks";
import { studioTaskUrlQuerySchema } from "@/lib/studio/tasks/studio-task-query";

export const metadata: Metadata = { title: "History · Lipsync Studio" };

/** Every lip sync of the user; the first page is rendered here, then the list polls for changes. */
export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = studioTaskUrlQuerySchema.parse(await searchParams);
  const queryClient = new QueryClient();
  queryClient.setQueryData(studioTasksKey(query), await listStudioTasks(user.id, query));
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">History</h1>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <TaskHistory />
      </HydrationBoundary>
    </div>
  );
}
