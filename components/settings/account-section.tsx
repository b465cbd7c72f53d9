"use client";

import { type FormEvent, useOptimistic, useState, useTransition } from "react";
import { addAccountAction, deleteAccountAction, setAccountMaxJobsAction } from "@/app/(studio)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { AccountResponse } from "@/lib/api/accounts/schemas";
import type { ActionResult } from "@/lib/studio/run-studio-action";
import { callAction } from "./call-action";
import { ConfirmDialog } from "./confirm-dialog";
import { UseapiAccountForm } from "./useapi-account-form";

type Change = { type: "maxJobs"; email: string; maxJobs: number } | { type: "delete"; email: string };

function applyChange(accounts: AccountResponse[], change: Change): AccountResponse[] {
  if (change.type === "delete") return accounts.filter((account) => account.email !== change.email);
  return accounts.map((account) => (account.email === change.email ? { ...account, maxJobs: change.maxJobs } : account));
}

function usage(account: AccountResponse): string {
  const running = account.processing + account.submitted;
  return `${account.used} ${account.used === 1 ? "task" : "tasks"}${running > 0 ? `, ${running} waiting or running` : ""}`;
}

function AccountItem({ account, pending, onSave, onDelete }: {
  account: AccountResponse;
  pending: boolean;
  onSave: (maxJobs: number) => void;
  onDelete: () => void;
}) {
  const [value, setValue] = useState(String(account.maxJobs));
  const inputId = `max-jobs-${account.email}`;
  const changed = value !== String(account.maxJobs);

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSave(Number(value));
  }

  return (
    <li className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-col gap-0.5">
        <p className="truncate font-medium">{account.email}</p>
        <p className="text-xs text-stone-500 dark:text-stone-400">
          {account.provider === "useapi" ? `Kling via useapi.net (${account.useapiEmail}, token …${account.useapiTokenLast4}) · ` : "Local engine · "}
          {usage(account)}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <form onSubmit={save} className="flex items-center gap-2">
          <label htmlFor={inputId} className="text-sm whitespace-nowrap text-stone-600 dark:text-stone-400">
            Runs at once
            <span className="sr-only"> for {account.email}</span>
          </label>
          <div className="w-20">
            <Input id={inputId} type="number" inputMode="numeric" min={1} max={50} required value={value} onChange={(event) => setValue(event.target.value)} />
          </div>
          <Button type="submit" variant="secondary" disabled={pending || !changed}>
            Save
          </Button>
        </form>
        <Button variant="secondary" onClick={onDelete} disabled={pending}>
          Delete
          <span className="sr-only"> {account.email}</span>
        </Button>
      </div>
    </li>
  );
}

/** The API's accounts (the seed API's, named by email): how many tasks each may run at once. */
export function AccountSection({ accounts }: { accounts: AccountResponse[] }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [deleting, setDeleting] = useState<string | null>(null);
  const [shown, change] = useOptimistic(accounts, applyChange);

  function run(optimistic: Change | null, action: () => Promise<ActionResult<null>>, onDone?: () => void) {
    setError(null);
    startTransition(async () => {
      if (optimistic) change(optimistic);
      const result = await callAction(action);
      if (!result.ok) return setError(result.error);
      onDone?.();
    });
  }

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    run(null, () => addAccountAction({ email: data.get("email"), maxJobs: data.get("maxJobs") }), () => form.reset());
  }

  function remove(email: string) {
    setDeleting(null);
    run({ type: "delete", email }, () => deleteAccountAction({ email }));
  }

  return (
    <div className="flex flex-col gap-5">
      {error && <Alert tone="error">{error}</Alert>}
      <ul aria-label="Your accounts" className="divide-y divide-stone-200 border-y border-stone-200 dark:divide-stone-800 dark:border-stone-800">
        {shown.map((account) => (
          <AccountItem
            key={`${account.email}:${account.maxJobs}`}
            account={account}
            pending={pending}
            onSave={(maxJobs) => run({ type: "maxJobs", email: account.email, maxJobs }, () => setAccountMaxJobsAction({ email: account.email, maxJobs }))}
            onDelete={() => setDeleting(account.email)}
          />
        ))}
      </ul>
      <form onSubmit={add} className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_8rem_auto] sm:items-start">
        <Field id="account-email" label="Account email">
          <Input id="account-email" name="email" type="email" required maxLength={254} autoComplete="off" />
        </Field>
        <Field id="account-max-jobs" label="Max jobs">
          <Input id="account-max-jobs" name="maxJobs" type="number" inputMode="numeric" min={1} max={50} defaultValue={1} required />
        </Field>
        <Button type="submit" disabled={pending} className="sm:mt-[1.625rem]">
          Add account
        </Button>
      </form>
      <UseapiAccountForm />
      {deleting && (
        <ConfirmDialog title={`Delete ${deleting}?`} confirmLabel="Delete account" onConfirm={() => remove(deleting)} onCancel={() => setDeleting(null)}>
          Its finished tasks and their results are deleted with it. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
