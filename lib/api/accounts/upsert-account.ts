import { countAccountTasks } from "@/lib/api/accounts/count-account-tasks";
import { type AccountResponse, accountCreateSchema } from "@/lib/api/accounts/schemas";
import { serializeAccount } from "@/lib/api/accounts/serialize-account";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

/** POST /v1/kling/accounts: adds the account, or sets maxJobs on the existing one. */
export async function upsertAccount(userId: number, body: unknown): Promise<AccountResponse> {
  const { email, maxJobs } = accountCreateSchema.parse(body);
  const account = await db.account.upsert({
    where: { userId_email: { userId, email } },
    create: { userId, email, maxJobs: maxJobs ?? env.DEFAULT_MAX_JOBS },
    update: maxJobs === undefined ? {} : { maxJobs },
  });
  const counts = await countAccountTasks(userId, [account.id]);
  return serializeAccount(account, counts.get(account.id) ?? { used: 0, submitted: 0, processing: 0 });
}
