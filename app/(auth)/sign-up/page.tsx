import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { isSignupOpen } from "@/lib/auth/is-signup-open";

export const metadata: Metadata = { title: "Sign up · Lipsync Studio" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  const signup = await isSignupOpen();
  if (signup.firstUser) redirect("/setup");
  return (
    <Card className="flex flex-col gap-6 p-6">
      <h1 className="text-xl font-semibold tracking-tight">Create a sign-in</h1>
      {signup.open ? (
        <CredentialsForm mode="sign-up" submitLabel="Sign up" />
      ) : (
        <Alert tone="info">Sign-up is closed on this Lipsync Studio. Ask its owner to open it in Settings.</Alert>
      )}
      <p className="text-sm text-stone-600 dark:text-stone-400">
        Already have one?{" "}
        <Link href="/sign-in" className="font-medium underline underline-offset-2">
          Sign in
        </Link>
      </p>
    </Card>
  );
}
