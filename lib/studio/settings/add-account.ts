import { db } from "@/lib/db";
import { StudioError } from "@/lib/studio/studio-error";

/** Adds an API account (email already validated and lower-cased); an existing one is refused, not overwritten. */
export async function addAccount(userId: number, input: { email: string; maxJobs: number }): Promise<void> {
  const existing = await db.account.findUnique({ where: { userId_email: { userId, email: input.email } }, select: { id: true } });
  if (existing) throw new StudioError(`There is already an account ${input.email}. Change its max jobs in the list instead.`);
  await db.account.create({ data: { userId, email: input.email, maxJobs: input.maxJobs } });
}
