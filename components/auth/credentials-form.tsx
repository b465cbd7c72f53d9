"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { authClient } from "@/lib/auth/auth-client";

type Mode = "sign-in" | "sign-up";

/** Email + password form for signing in, or for creating a sign-in (first-run owner or sign-up). */
export function CredentialsForm({ mode, submitLabel, next = "/new" }: { mode: Mode; submitLabel: string; next?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setPending(true);
    setError(null);
    const result =
      mode === "sign-in"
        ? await authClient.signIn.email({ email, password })
        : await authClient.signUp.email({ email, password, name: String(form.get("name") ?? "").trim() || email });
    if (result.error) {
      setPending(false);
      setError(result.error.message ?? "That did not work. Check the form and try again.");
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate={false}>
      {mode === "sign-up" && (
        <Field id="name" label="Name">
          <Input id="name" name="name" autoComplete="name" maxLength={100} />
        </Field>
      )}
      <Field id="email" label="Email">
        <Input id="email" name="email" type="email" autoComplete="email" required maxLength={254} />
      </Field>
      <Field id="password" label="Password" hint={mode === "sign-up" ? "At least 8 characters." : undefined}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
          required
          minLength={mode === "sign-up" ? 8 : undefined}
          maxLength={256}
          aria-describedby={mode === "sign-up" ? "password-hint" : undefined}
        />
      </Field>
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" disabled={pending}>
        {pending ? "Please wait…" : submitLabel}
      </Button>
    </form>
  );
}
