"use client";

import { ExternalLink, Link2Off, RefreshCw, Share2 } from "lucide-react";
import { startTransition, useOptimistic, useState, useTransition } from "react";
import {
  createShareAction,
  renewShareAction,
  revokeShareAction,
  setShareOriginalAction,
} from "@/app/(studio)/tasks/[id]/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LoopbackNotice } from "@/components/links/loopback-notice";
import { Field, Input } from "@/components/ui/field";
import type { ActionResult } from "@/lib/studio/run-studio-action";
import type { ShareView } from "@/lib/studio/share/schemas";
import { CopyButton } from "./copy-button";

/** The task's public link: create, copy, revoke, renew, and whether the original shows beside the result. */
export function SharePanel({ taskId, initialShare, hasOriginal }: { taskId: number; initialShare: ShareView | null; hasOriginal: boolean }) {
  const [share, setShare] = useState(initialShare);
  const [shown, setShown] = useOptimistic(share);
  const [pending, startAction] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  /** Runs an action, showing `optimistic` meanwhile (undefined: no change until it answers). */
  const act = <T extends ShareView | null>(call: () => Promise<ActionResult<T>>, done: string, optimistic?: ShareView | null) => {
    setError(null);
    startAction(async () => {
      if (optimistic !== undefined) setShown(optimistic);
      const result = await call();
      startTransition(() => {
        if (result.ok) {
          setShare(result.data);
          setAnnouncement(done);
        } else {
          setError(result.error);
        }
      });
    });
  };

  return (
    <Card className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h2 className="text-base font-semibold">Share</h2>
        <p className="text-sm text-stone-600 dark:text-stone-400">Anyone with the link can watch the result, without signing in. Revoke it at any time.</p>
      </div>
      {shown ? (
        <>
          <Field id="share-link" label="Share link">
            <div className="flex flex-col gap-2 sm:flex-row">
              <Input id="share-link" readOnly value={shown.url} onFocus={(event) => event.currentTarget.select()} className="font-mono text-xs" />
              <CopyButton text={shown.url} label="Copy link" className="shrink-0" />
            </div>
          </Field>
          <LoopbackNotice url={shown.url} />
          {hasOriginal && (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 rounded border-stone-300 accent-sky-600"
                checked={shown.includeOriginal}
                disabled={pending}
                onChange={(event) => {
                  const includeOriginal = event.currentTarget.checked;
                  act(
                    () => setShareOriginalAction({ taskId, includeOriginal }),
                    includeOriginal ? "The share page now shows the original too" : "The share page shows the result only",
                    { ...shown, includeOriginal },
                  );
                }}
              />
              Show the original on the share page
            </label>
          )}
          <div className="flex flex-wrap gap-2">
            <a href={shown.url} target="_blank" rel="noopener" className="inline-flex min-h-10 items-center gap-2 rounded-lg px-3 text-sm font-medium text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-400">
              <ExternalLink aria-hidden className="size-4" />
              Open share page
            </a>
            <span className="grow" />
            <Button variant="secondary" disabled={pending} onClick={() => act(() => renewShareAction({ taskId }), "A new link replaces the old one")}>
              <RefreshCw aria-hidden className="size-4" />
              Renew link
            </Button>
            {/* Not optimistic: once "Create share link" is back, the old link must already be dead. */}
            <Button variant="secondary" disabled={pending} onClick={() => act(() => revokeShareAction({ taskId }), "The link is revoked")}>
              <Link2Off aria-hidden className="size-4" />
              Revoke link
            </Button>
          </div>
        </>
      ) : (
        <div>
          <Button disabled={pending} onClick={() => act(() => createShareAction({ taskId }), "Share link created")}>
            <Share2 aria-hidden className="size-4" />
            Create share link
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </Card>
  );
}
