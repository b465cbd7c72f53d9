import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { Card } from "@/components/ui/card";
import { isSignupOpen } from "@/lib/auth/is-signup-open";

export const metadata: Metadata = { title: "Welcome · Lipsync Studio" };
export const dynamic = "force-dynamic";

/** First run: the first sign-in made here belongs to the owner, who later decides who else may sign up. */
export default async function SetupPage() {
  if (!(await isSignupOpen()).firstUser) redirect("/sign-in");
  return (
    <Card className="flex flex-col gap-6 p-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-xl font-semibold tracking-tight">Welcome to Lipsync Studio</h1>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          Create the owner&rsquo;s sign-in. The owner manages settings and decides whether other people may sign up.
        </p>
      </div>
      <CredentialsForm mode="sign-up" submitLabel="Create owner and continue" />
    </Card>
  );
}
