"use client";

import { Eye, EyeOff, RefreshCw } from "lucide-react";
import { useState, useTransition } from "react";
import { revealWebhookSecretAction, rotateWebhookSecretAction } from "@/app/(studio)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { callAction } from "./call-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "./copy-button";

const MASK = "•".repeat(32);

/** The secret is fetched only when revealed or copied, so it is not in the page until asked for. */
export function WebhookSecretSection() {
  const [secret, setSecret] = useState<string | null>(null);
  const [visible, setVisible] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);

  async function load(): Promise<string | null> {
    if (secret) return secret;
    const result = await callAction(revealWebhookSecretAction);
    if (!result.ok) {
      setError(result.error);
      return null;
    }
    setSecret(result.data);
    return result.data;
  }

  function toggle() {
    setError(null);
    if (visible) return setVisible(false);
    startTransition(async () => {
      if (await load()) setVisible(true);
    });
  }

  function rotate() {
    setConfirming(false);
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await callAction(rotateWebhookSecretAction);
      if (!result.ok) return setError(result.error);
      setSecret(result.data);
      setVisible(true);
      setNotice("New secret made. Update your webhook receivers with it.");
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-center">
        <code
          aria-label={visible ? "Webhook signing secret" : "Webhook signing secret (hidden)"}
          className="min-h-10 flex-1 rounded-lg border border-stone-200 bg-stone-50 px-3 py-2.5 font-mono text-xs break-all dark:border-stone-800 dark:bg-stone-950"
        >
          {visible && secret ? secret : MASK}
        </code>
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" onClick={toggle} disabled={pending} aria-pressed={visible}>
            {visible ? <EyeOff aria-hidden className="size-4" /> : <Eye aria-hidden className="size-4" />}
            Reveal
          </Button>
          <CopyButton getText={load} onError={setError} />
          <Button variant="secondary" onClick={() => setConfirming(true)} disabled={pending}>
            <RefreshCw aria-hidden className="size-4" />
            Rotate secret
          </Button>
        </div>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      {confirming && (
        <ConfirmDialog title="Rotate the webhook signing secret?" confirmLabel="Rotate now" onConfirm={rotate} onCancel={() => setConfirming(false)}>
          Deliveries from now on are signed with the new secret: receivers still checking the old one will reject them.
        </ConfirmDialog>
      )}
    </div>
  );
}
