import { Alert } from "@/components/ui/alert";
import { describeErrorHint } from "@/lib/studio/task-detail/describe-error-hint";

/** Why the task failed (the engine's message says what to fix) and, for known codes, what to do. */
export function TaskFailure({ error, errorCode }: { error: string | null; errorCode: string | null }) {
  const hint = describeErrorHint(errorCode, error);
  return (
    <Alert tone="error" title={errorCode === "CANCELLED" ? "The task was cancelled" : "The lip sync failed"}>
      <p>{error ?? "The task failed."}</p>
      {hint && <p className="mt-1 font-medium">{hint}</p>}
      {errorCode && <p className="mt-2 font-mono text-xs opacity-75">{errorCode}</p>}
    </Alert>
  );
}
