/** Shown while the first page of the history loads on a navigation: the page's shape, without content. */
export default function HistoryLoading() {
  return (
    <div className="flex flex-col gap-6" aria-busy="true">
      <h1 className="text-2xl font-semibold tracking-tight">History</h1>
      <div className="h-16 animate-pulse rounded-lg bg-stone-200/60 dark:bg-stone-800/60" />
      <p className="sr-only" role="status">
        Loading your tasks…
      </p>
      <ul className="flex flex-col gap-3" aria-hidden>
        {Array.from({ length: 5 }, (_, index) => (
          <li key={index} className="flex gap-4 rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900">
            <div className="aspect-video w-28 animate-pulse rounded-lg bg-stone-200 sm:w-36 dark:bg-stone-800" />
            <div className="flex flex-1 flex-col gap-2 py-1">
              <div className="h-4 w-32 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
              <div className="h-3 w-48 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
              <div className="h-3 w-40 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
