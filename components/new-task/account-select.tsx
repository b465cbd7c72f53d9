"use client";

import { Field, inputClass } from "@/components/ui/field";
import type { NewTaskOptions } from "@/lib/studio/new-task/load-new-task-options";

/** The account the task runs under; shown only when the user has several. */
export function AccountSelect({ accounts, value, onChange, error, disabled }: {
  accounts: NewTaskOptions["accounts"];
  value: string;
  onChange: (email: string) => void;
  error: string | null;
  disabled: boolean;
}) {
  const selected = accounts.find((account) => account.email === value);
  const full = selected !== undefined && selected.remaining <= 0;
  return (
    <Field
      id="account"
      label="Account"
      hint={
        selected &&
        `${selected.provider === "useapi" ? "Runs on Kling through useapi.net (videos up to 60 s, MP4 or MOV). " : ""}${selected.remaining} of ${selected.limit} tasks left on this account.`
      }
      error={error ?? (full ? "This account has no tasks left. Delete finished tasks in History, or choose another account." : null)}
    >
      <select
        id="account"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled}
        aria-invalid={error || full ? true : undefined}
        aria-describedby={error || full ? "account-hint account-error" : "account-hint"}
        className={inputClass}
      >
        {accounts.map((account) => (
          <option key={account.email} value={account.email}>
            {account.provider === "useapi" ? `${account.email} (Kling via useapi.net)` : account.email}
          </option>
        ))}
      </select>
    </Field>
  );
}
