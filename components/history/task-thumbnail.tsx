import { Film } from "lucide-react";
import type { StudioTask } from "@/lib/studio/tasks/studio-task";

/**
 * The video's poster (16:9, centred on the face, so portrait videos show the face) or else the
 * result's cover, in a fixed 16:9 box (a placeholder until there is one), so rows never jump.
 */
export function TaskThumbnail({ task }: { task: Pick<StudioTask, "coverPath" | "videoPosterPath"> }) {
  const image = task.videoPosterPath ?? task.coverPath;
  return (
    <div className="relative aspect-video w-28 shrink-0 self-start overflow-hidden rounded-lg bg-stone-100 ring-1 ring-stone-200 ring-inset sm:w-36 dark:bg-stone-800 dark:ring-stone-700">
      {image ? (
        <img src={image} alt="" loading="lazy" decoding="async" className="absolute inset-0 size-full object-cover" />
      ) : (
        <Film aria-hidden className="absolute inset-0 m-auto size-6 text-stone-400 dark:text-stone-500" />
      )}
    </div>
  );
}
