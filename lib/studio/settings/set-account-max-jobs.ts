import { maxJobsSchema } from "@/lib/api/tasks/schemas";
import { db } from "@/lib/db";
import { StudioError } from "@/lib/studio/studio-error";

/** How many tasks of one of the user's accounts may run at once (1..50). */
export async function setAccountMaxJobs(userId: number, email: string, maxJobs: number): Promise<void> {
  const { count } = await db.account.updateMany({ where: { userId, email }, data: { maxJobs: maxJobsSchema.parse(maxJobs) } });
  if (count === 0) throw new StudioError(`There is no account ${email}. Reload the page to see your accounts.`);
}
