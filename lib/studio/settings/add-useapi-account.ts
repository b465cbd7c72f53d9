import { useapiAccountFields } from "@/lib/api/accounts/useapi-account-fields";
import { db } from "@/lib/db";
import { StudioError } from "@/lib/studio/studio-error";

/** Adds a Kling-via-useapi.net account once useapi.net accepted its token and Kling email; returns what the check found. */
export async function addUseapiAccount(
  userId: number,
  input: { email: string; maxJobs: number; useapiToken: string; useapiEmail?: string },
): Promise<string> {
  const existing = await db.account.findUnique({ where: { userId_email: { userId, email: input.email } }, select: { id: true } });
  if (existing) throw new StudioError(`There is already an account ${input.email}. Delete it first, or pick another name.`);
  const { fields, summary } = await useapiAccountFields(input.useapiToken, input.useapiEmail ?? input.email);
  await db.account.create({ data: { userId, email: input.email, maxJobs: input.maxJobs, ...fields } });
  return summary;
}
