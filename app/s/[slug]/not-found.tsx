import { Link2Off } from "lucide-react";

export default function ShareNotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <Link2Off aria-hidden className="size-10 text-stone-400" />
      <h1 className="text-xl font-semibold tracking-tight">This link is not available</h1>
      <p className="text-sm text-stone-600 dark:text-stone-400">It may have been revoked or replaced by a newer link. Ask the person who shared it for a new one.</p>
    </main>
  );
}
