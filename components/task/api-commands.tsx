import { Card } from "@/components/ui/card";
import { CopyButton } from "./copy-button";

/** The same task through the API, as curl commands to paste. */
export function ApiCommands({ commands }: { commands: string }) {
  return (
    <Card className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold">The same through the API</h2>
        <CopyButton text={commands} label="Copy" />
      </div>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        Set <code className="font-mono text-xs">LIPSYNC_TOKEN</code> to one of your API tokens (Settings), then submit the same inputs and read the task.
      </p>
      <pre className="overflow-x-auto rounded-lg bg-stone-100 p-4 font-mono text-xs leading-relaxed text-stone-800 dark:bg-stone-950 dark:text-stone-200">
        <code>{commands}</code>
      </pre>
    </Card>
  );
}
