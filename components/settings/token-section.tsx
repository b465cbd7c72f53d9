"use client";

import { KeyRound } from "lucide-react";
import { type FormEvent, useOptimistic, useState, useTransition } from "react";
import { type NewToken, createTokenAction, revokeTokenAction } from "@/app/(studio)/settings/actions";
import { formatAbsoluteTime } from "@/lib/format/format-time";
import { RelativeTime } from "@/components/history/relative-time";
import { useNow } from "@/components/history/use-now";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { TokenSummary } from "@/lib/api/tokens/list-tokens";
import { cn } from "@/lib/cn";
import { callAction } from "./call-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "./copy-button";

function NewTokenPanel({ token, onDone, onError }: { token: NewToken; onDone: () => void; onError: (message: string) => void }) {
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950/40">
      <Field id="new-token" label="New token" hint={<>Copy it now: it will not be shown again. Send it as <code>Authorization: Bearer …</code>.</>}>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <Input
            id="new-token"
            readOnly
            value={token.token}
            onFocus={(event) => event.currentTarget.select()}
            aria-describedby="new-token-hint"
            className="font-mono text-xs"
          />
          <div className="flex items-center gap-2">
            <CopyButton getText={() => token.token} onError={onError} />
            <Button variant="ghost" onClick={onDone}>
              Done
            </Button>
          </div>
        </div>
      </Field>
    </div>
  );
}

function TokenItem({ token, now, pending, onRevoke }: { token: TokenSummary; now: number; pending: boolean; onRevoke: () => void }) {
  const revoked = token.revokedAt !== null;
  return (
    <li className={cn("flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between", revoked && "opacity-60")}>
      <div className="flex min-w-0 flex-col gap-1">
        <p id={`token-${token.id}`} className="flex flex-wrap items-center gap-2 font-medium">
          <KeyRound aria-hidden className="size-4 text-stone-400" />
          <span className="truncate">{token.name}</span>
          <code className="rounded bg-stone-100 px-1.5 py-0.5 text-xs font-normal text-stone-600 dark:bg-stone-800 dark:text-stone-300">{token.prefix}…</code>
          {revoked && (
            <span className="rounded-full bg-stone-200 px-2 py-0.5 text-xs font-medium text-stone-700 dark:bg-stone-700 dark:text-stone-200">Revoked</span>
          )}
        </p>
        <p className="text-xs text-stone-500 dark:text-stone-400">
          Created <time dateTime={token.createdAt.toISOString()} suppressHydrationWarning>{formatAbsoluteTime(token.createdAt.toISOString())}</time>
          {" · "}
          Last used {token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt.toISOString()} now={now} /> : "Never"}
          {token.revokedAt && (
            <>
              {" · "}Revoked <RelativeTime iso={token.revokedAt.toISOString()} now={now} />
            </>
          )}
        </p>
      </div>
      {!revoked && (
        <Button variant="secondary" onClick={onRevoke} disabled={pending} aria-describedby={`token-${token.id}`} className="self-start sm:self-auto">
          Revoke
        </Button>
      )}
    </li>
  );
}

/** API tokens: create one (shown once), see when each was last used, revoke. */
export function TokenSection({ tokens }: { tokens: TokenSummary[] }) {
  const now = useNow();
  const [error, setError] = useState<string | null>(null);
  const [newToken, setNewToken] = useState<NewToken | null>(null);
  const [pending, startTransition] = useTransition();
  const [revoking, setRevoking] = useState<TokenSummary | null>(null);
  const [shown, markRevoked] = useOptimistic(tokens, (list, id: string) =>
    list.map((token) => (token.id === id ? { ...token, revokedAt: new Date() } : token)),
  );

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    setError(null);
    startTransition(async () => {
      const result = await callAction(() => createTokenAction({ name }));
      if (!result.ok) return setError(result.error);
      setNewToken(result.data);
      form.reset();
    });
  }

  function revoke(token: TokenSummary) {
    setRevoking(null);
    setError(null);
    startTransition(async () => {
      markRevoked(token.id);
      const result = await callAction(() => revokeTokenAction({ id: token.id }));
      if (!result.ok) setError(result.error);
    });
  }

  return (
    <div className="flex flex-col gap-5">
      <form onSubmit={create} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Field id="token-name" label="Token name" hint="What will use it, e.g. “CI” or “render server”.">
            <Input id="token-name" name="name" required maxLength={100} autoComplete="off" aria-describedby="token-name-hint" />
          </Field>
        </div>
        <Button type="submit" disabled={pending} className="sm:mb-6">
          Create token
        </Button>
      </form>
      {error && <Alert tone="error">{error}</Alert>}
      {newToken && <NewTokenPanel token={newToken} onDone={() => setNewToken(null)} onError={setError} />}
      {shown.length === 0 ? (
        <p className="text-sm text-stone-500 dark:text-stone-400">No tokens yet. Create one to call the API from scripts and servers.</p>
      ) : (
        <ul aria-label="Your API tokens" className="divide-y divide-stone-200 border-t border-stone-200 dark:divide-stone-800 dark:border-stone-800">
          {shown.map((token) => (
            <TokenItem key={token.id} token={token} now={now} pending={pending} onRevoke={() => setRevoking(token)} />
          ))}
        </ul>
      )}
      {revoking && (
        <ConfirmDialog title={`Revoke “${revoking.name}”?`} confirmLabel="Revoke token" onConfirm={() => revoke(revoking)} onCancel={() => setRevoking(null)}>
          Programs using it get 401 Unauthorized at once. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
