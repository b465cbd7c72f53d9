import { countAccountTasks } from "@/lib/api/accounts/count-account-tasks";
import type { AccountResponse } from "@/lib/api/accounts/schemas";
import { serializeAccount } from "@/lib/api/accounts/serialize-account";
import { db } from "@/lib/db";

/** GET /v1/kling/accounts: the user's accounts keyed by email. */
export async function listAccounts(userId: number): Promise<Record<string, AccountResponse>> {
  const accounts = await db.account.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  const counts = await countAccountTasks(userId);
  return Object.fromEntries(
    accounts.map((account) => [
      account.email,
      serializeAccount(account, counts.get(account.id) ?? { used: 0, submitted: 0, processing: 0 }),
    ]),
  );
}
