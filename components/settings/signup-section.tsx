"use client";

import { useOptimistic, useState, useTransition } from "react";
import { setSignupEnabledAction } from "@/app/(studio)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { callAction } from "./call-action";

/** The owner's switch for whether other people may create their own sign-in; members see it read-only. */
export function SignupSection({ enabled, isOwner }: { enabled: boolean; isOwner: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [checked, setChecked] = useOptimistic(enabled);

  function toggle(next: boolean) {
    setError(null);
    startTransition(async () => {
      setChecked(next);
      const result = await callAction(() => setSignupEnabledAction({ enabled: next }));
      if (!result.ok) setError(result.error);
    });
  }

  return (
    <div className="flex flex-col gap-3">
      <label className="flex w-fit items-center gap-3 text-sm font-medium has-disabled:cursor-not-allowed">
        <input
          type="checkbox"
          checked={checked}
          disabled={!isOwner || pending}
          onChange={(event) => toggle(event.target.checked)}
          aria-describedby={isOwner ? undefined : "signup-owner-only"}
          className="size-5 rounded accent-stone-900 dark:accent-stone-100"
        />
        Allow sign-up
      </label>
      {!isOwner && (
        <p id="signup-owner-only" className="text-sm text-stone-500 dark:text-stone-400">
          Only the owner can change this.
        </p>
      )}
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}
