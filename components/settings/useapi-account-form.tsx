"use client";

import { useRef, useState, useTransition } from "react";
import { addUseapiAccountAction, testUseapiConnectionAction } from "@/app/(studio)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { callAction } from "./call-action";

/**
 * Adds an account whose tasks run on Kling through useapi.net. "Test connection" asks useapi.net
 * about the token and Kling email without saving; adding checks them again. The token is sent to
 * the server only (it keeps it encrypted) and never shown again: the list shows its last 4 characters.
 */
export function UseapiAccountForm() {
  const form = useRef<HTMLFormElement>(null);
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function values() {
    const data = new FormData(form.current ?? undefined);
    return { email: data.get("email"), maxJobs: data.get("maxJobs"), useapiToken: data.get("useapiToken"), useapiEmail: data.get("useapiEmail") };
  }

  function run(action: "test" | "add") {
    if (form.current && !form.current.reportValidity()) return;
    setAnswer(null);
    startTransition(async () => {
      const input = values();
      const result = await callAction(() => (action === "test" ? testUseapiConnectionAction(input) : addUseapiAccountAction(input)));
      setAnswer(result.ok ? { ok: true, text: action === "add" ? `Account added. ${result.data}` : result.data } : { ok: false, text: result.error });
      if (result.ok && action === "add") form.current?.reset();
    });
  }

  return (
    <form
      ref={form}
      aria-label="Add a Kling via useapi.net account"
      onSubmit={(event) => {
        event.preventDefault();
        run("add");
      }}
      className="flex flex-col gap-3 rounded-xl border border-stone-200 p-4 dark:border-stone-800"
    >
      <h3 className="text-sm font-semibold">Kling via useapi.net</h3>
      <p className="text-xs text-stone-500 dark:text-stone-400">
        Tasks of this account run on the real Kling through your useapi.net subscription (videos up to 60 s).{" "}
        <a href="/docs/providers" target="_blank" className="underline underline-offset-2">
          How to set it up
        </a>
        .
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="useapi-account-email" label="Account email">
          <Input id="useapi-account-email" name="email" type="email" required maxLength={254} autoComplete="off" />
        </Field>
        <Field id="useapi-max-jobs" label="Max jobs">
          <Input id="useapi-max-jobs" name="maxJobs" type="number" inputMode="numeric" min={1} max={50} defaultValue={1} required />
        </Field>
        <Field id="useapi-token" label="useapi.net API token" hint="The whole token, user: prefix included. Stored encrypted.">
          <Input id="useapi-token" name="useapiToken" type="password" required minLength={8} maxLength={500} autoComplete="off" />
        </Field>
        <Field id="useapi-kling-email" label="Kling email at useapi.net" hint="Leave empty when it is the account email.">
          <Input id="useapi-kling-email" name="useapiEmail" type="email" maxLength={254} autoComplete="off" />
        </Field>
      </div>
      {answer && <Alert tone={answer.ok ? "success" : "error"}>{answer.text}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" disabled={pending} onClick={() => run("test")}>
          Test connection
        </Button>
        <Button type="submit" disabled={pending}>
          Add useapi account
        </Button>
      </div>
    </form>
  );
}
