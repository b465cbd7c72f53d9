import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { Card } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { isSignupOpen } from "@/lib/auth/is-signup-open";

export const metadata: Metadata = { title: "Sign in · Lipsync Studio" };
export const dynamic = "force-dynamic";

/** `?next=/tasks/2` (set when a studio page asked for a sign-in) is where the user lands afterwards. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getSessionUser(await headers())) redirect(next);
  const signup = await isSignupOpen();
  if (signup.firstUser) redirect("/setup");
  return (
    <Card className="flex flex-col gap-6 p-6">
      <h1 className="text-xl font-semibold tracking-tight">Sign in</h1>
      <CredentialsForm mode="sign-in" submitLabel="Sign in" next={next} />
      {signup.open && (
        <p className="text-sm text-stone-600 dark:text-stone-400">
          No sign-in yet?{" "}
          <Link href="/sign-up" className="font-medium underline underline-offset-2">
            Create one
          </Link>
        </p>
      )}
    </Card>
  );
}
