import type { Metadata } from "next";
import Link from "next/link";
import { LoopbackNotice } from "@/components/links/loopback-notice";
import { AccountSection } from "@/components/settings/account-section";
import { SettingsSection } from "@/components/settings/settings-section";
import { SignupSection } from "@/components/settings/signup-section";
import { TokenSection } from "@/components/settings/token-section";
import { WebhookSecretSection } from "@/components/settings/webhook-secret-section";
import { listAccounts } from "@/lib/api/accounts/list-accounts";
import { listTokens } from "@/lib/api/tokens/list-tokens";
import { getRequestBaseUrl } from "@/lib/api/request-base-url";
import { requireUser } from "@/lib/auth/require-user";
import { getSignupEnabled } from "@/lib/studio/settings/get-signup-enabled";

export const metadata: Metadata = { title: "Settings · Lipsync Studio" };

const linkClass = "font-medium text-sky-700 underline underline-offset-2 hover:text-sky-600 dark:text-sky-400";

export default async function SettingsPage() {
  const user = await requireUser();
  const [tokens, accounts, signupEnabled] = await Promise.all([listTokens(user.id), listAccounts(user.id), getSignupEnabled()]);
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <LoopbackNotice url={await getRequestBaseUrl()} />
      <SettingsSection id="tokens" title="API tokens" description="Tokens let scripts and servers call the API as you. Each is shown once, when you create it.">
        <TokenSection tokens={tokens} />
      </SettingsSection>
      <SettingsSection
        id="accounts"
        title="Accounts"
        description="API requests run under an account (named by any email you like); each runs at most its max jobs tasks at once, 1 to 50."
      >
        <AccountSection accounts={Object.values(accounts)} />
      </SettingsSection>
      <SettingsSection
        id="webhooks"
        title="Webhook signing secret"
        description={
          <>
            Every webhook delivery is signed with this secret (the X-Lipsync-Signature header), so your receiver can check it came from here.{" "}
            <Link href="/docs/webhooks" className={linkClass}>
              How to verify webhooks
            </Link>
          </>
        }
      >
        <WebhookSecretSection />
      </SettingsSection>
      <SettingsSection
        id="signup"
        title="Sign-up"
        description="While sign-up is allowed, anyone who can reach this Lipsync Studio may create their own sign-in. Each person sees only their own lip syncs."
      >
        <SignupSection enabled={signupEnabled} isOwner={user.role === "owner"} />
      </SettingsSection>
    </div>
  );
}
