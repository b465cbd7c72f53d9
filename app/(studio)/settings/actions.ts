"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { useapiTokenSchema } from "@/lib/api/accounts/schemas";
import { emailSchema, maxJobsSchema } from "@/lib/api/tasks/schemas";
import { createToken } from "@/lib/api/tokens/create-token";
import { revokeToken } from "@/lib/api/tokens/revoke-token";
import { requireUser } from "@/lib/auth/require-user";
import { addAccount } from "@/lib/studio/settings/add-account";
import { addUseapiAccount } from "@/lib/studio/settings/add-useapi-account";
import { testUseapiConnection } from "@/lib/studio/settings/test-useapi-connection";
import { getWebhookSecret } from "@/lib/studio/settings/get-webhook-secret";
import { removeAccount } from "@/lib/studio/settings/remove-account";
import { rotateWebhookSecret } from "@/lib/studio/settings/rotate-webhook-secret";
import { type ActionResult, runStudioAction } from "@/lib/studio/run-studio-action";
import { setAccountMaxJobs } from "@/lib/studio/settings/set-account-max-jobs";
import { setSignupEnabled } from "@/lib/studio/settings/set-signup-enabled";
import { StudioError } from "@/lib/studio/studio-error";

const tokenNameInput = z.object({ name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters") });
const tokenIdInput = z.object({ id: z.string().min(1).max(100) });
const accountInput = z.object({ email: emailSchema, maxJobs: maxJobsSchema });
const accountEmailInput = z.object({ email: emailSchema });
const optionalEmail = z.preprocess((value) => (value === "" || value === null ? undefined : value), emailSchema.optional());
const useapiCheckInput = z.object({ email: emailSchema, useapiToken: useapiTokenSchema, useapiEmail: optionalEmail });
const useapiAccountInput = useapiCheckInput.extend({ maxJobs: maxJobsSchema });
const signupInput = z.object({ enabled: z.boolean() });

const ACCOUNT_LABELS = { email: "Account email", maxJobs: "Max jobs", useapiToken: "useapi.net API token", useapiEmail: "Kling email" };

export type NewToken = { name: string; prefix: string; token: string };

/** The token is returned once here and never stored in clear. */
export async function createTokenAction(input: unknown): Promise<ActionResult<NewToken>> {
  return runStudioAction(async () => {
    const user = await requireUser();
    const { name } = tokenNameInput.parse(input);
    const created = await createToken({ userId: user.id, name });
    revalidatePath("/settings");
    return { name: created.name, prefix: created.prefix, token: created.token };
  }, { name: "Token name" });
}

export async function revokeTokenAction(input: unknown): Promise<ActionResult<null>> {
  return runStudioAction(async () => {
    const user = await requireUser();
    const { id } = tokenIdInput.parse(input);
    if (!(await revokeToken({ id, userId: user.id }))) throw new StudioError("That token is already revoked or no longer exists.");
    revalidatePath("/settings");
    return null;
  });
}

export async function addAccountAction(input: unknown): Promise<ActionResult<null>> {
  return runStudioAction(async () => {
    const user = await requireUser();
    await addAccount(user.id, accountInput.parse(input));
    revalidatePath("/settings");
    return null;
  }, ACCOUNT_LABELS);
}

/** Checks a useapi.net token and Kling email with useapi.net; saves nothing. */
export async function testUseapiConnectionAction(input: unknown): Promise<ActionResult<string>> {
  return runStudioAction(async () => {
    await requireUser();
    const { email, useapiToken, useapiEmail } = useapiCheckInput.parse(input);
    return testUseapiConnection(useapiToken, useapiEmail ?? email);
  }, ACCOUNT_LABELS);
}

export async function addUseapiAccountAction(input: unknown): Promise<ActionResult<string>> {
  return runStudioAction(async () => {
    const user = await requireUser();
    const summary = await addUseapiAccount(user.id, useapiAccountInput.parse(input));
    revalidatePath("/settings");
    return summary;
  }, ACCOUNT_LABELS);
}

export async function setAccountMaxJobsAction(input: unknown): Promise<ActionResult<null>> {
  return runStudioAction(async () => {
    const user = await requireUser();
    const { email, maxJobs } = accountInput.parse(input);
    await setAccountMaxJobs(user.id, email, maxJobs);
    revalidatePath("/settings");
    return null;
  }, ACCOUNT_LABELS);
}

export async function deleteAccountAction(input: unknown): Promise<ActionResult<null>> {
  return runStudioAction(async () => {
    const user = await requireUser();
    await removeAccount(user.id, accountEmailInput.parse(input).email);
    revalidatePath("/settings");
    return null;
  }, ACCOUNT_LABELS);
}

export async function revealWebhookSecretAction(): Promise<ActionResult<string>> {
  return runStudioAction(async () => getWebhookSecret((await requireUser()).id));
}

export async function rotateWebhookSecretAction(): Promise<ActionResult<string>> {
  return runStudioAction(async () => rotateWebhookSecret((await requireUser()).id));
}

export async function setSignupEnabledAction(input: unknown): Promise<ActionResult<boolean>> {
  return runStudioAction(async () => {
    const user = await requireUser();
    const enabled = await setSignupEnabled(user.id, signupInput.parse(input).enabled);
    revalidatePath("/settings");
    return enabled;
  });
}
