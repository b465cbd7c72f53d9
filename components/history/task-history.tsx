"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/lib/cn";
import { NoTasksMatch, NoTasksYet } from "./history-empty";
import { HistoryFilters } from "./history-filters";
import { HistoryPagination } from "./history-pagination";
import { ACTIVE_POLL_MS, IDLE_POLL_MS, fetchStudioTasks, isActive, studioTasksKey } from "./task-list-query";
import { TaskRow } from "./task-row";
import { useNow } from "./use-now";
import { useTaskQueryUrl } from "./use-task-query-url";

/** The history list: filters and page from the URL, rows kept live by polling (the first page comes from the server). */
export function TaskHistory() {
  const { query, navigate } = useTaskQueryUrl();
  const now = useNow();
  const { data, error, isPlaceholderData } = useQuery({
    queryKey: studioTasksKey(query),
    queryFn: ({ signal }) => fetchStudioTasks(query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (current) => (current.state.data?.tasks.some(isActive) ? ACTIVE_POLL_MS : IDLE_POLL_MS),
  });
  const filtered = Boolean(query.status || query.q);
  const pushQuery = (next: typeof query) => navigate(next, "push");

  return (
    <div className="flex flex-col gap-6">
      <HistoryFilters query={query} onChange={navigate} />
      {error && (
        <Alert tone="error" title="Could not refresh the list">
          {error.message}
        </Alert>
      )}
      {data && (
        <>
          <p aria-live="polite" className="text-sm text-stone-600 dark:text-stone-400">
            {data.total === 1 ? "1 task" : `${data.total} tasks`}
            {filtered && " match"}
          </p>
          {data.total === 0 ? (
            filtered ? <NoTasksMatch onNavigate={pushQuery} /> : <NoTasksYet />
          ) : (
            <ul
              aria-label="Tasks"
              aria-busy={isPlaceholderData}
              className={cn(
                "flex flex-col gap-3 transition-opacity sm:gap-0 sm:divide-y sm:divide-stone-200 sm:overflow-hidden sm:rounded-xl sm:border sm:border-stone-200 sm:bg-white dark:sm:divide-stone-800 dark:sm:border-stone-800 dark:sm:bg-stone-900",
                isPlaceholderData && "opacity-60",
              )}
            >
              {data.tasks.map((task) => (
                <TaskRow key={task.id} task={task} now={now} />
              ))}
            </ul>
          )}
          <HistoryPagination query={query} page={data.page} pageCount={data.pageCount} onNavigate={pushQuery} />
        </>
      )}
    </div>
  );
}
