import { Link2 } from "lucide-react";
import { fileNameFromUrl } from "@/lib/net/file-name-from-url";
import { isHttpUrl } from "@/lib/studio/new-task/is-http-url";

/** What a typed link names; the page never loads it (outside media is fetched by the server). */
export function LinkPreview({ url, empty }: { url: string; empty: string }) {
  const valid = isHttpUrl(url.trim());
  return (
    <div className="flex h-full flex-col items-center justify-center gap-2 rounded-lg border border-stone-200 bg-stone-50 p-4 text-center dark:border-stone-800 dark:bg-stone-950/40">
      <Link2 aria-hidden className="size-8 text-stone-400 dark:text-stone-500" />
      {valid ? (
        <>
          <p className="max-w-full truncate text-sm font-medium">{fileNameFromUrl(url) ?? "Linked file"}</p>
          <p className="max-w-full truncate text-xs text-stone-500 dark:text-stone-400" title={url.trim()}>
            {url.trim()}
          </p>
          <p className="text-xs text-stone-500 dark:text-stone-400">The server downloads it when the task starts.</p>
        </>
      ) : (
        <p className="text-sm text-stone-500 dark:text-stone-400">{empty}</p>
      )}
    </div>
  );
}
