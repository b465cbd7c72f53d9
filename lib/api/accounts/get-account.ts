import { countAccountTasks } from "@/lib/api/accounts/count-account-tasks";
import { findAccount } from "@/lib/api/accounts/find-account";
import type { AccountResponse } from "@/lib/api/accounts/schemas";
import { serializeAccount } from "@/lib/api/accounts/serialize-account";

/** GET /v1/kling/accounts/{email}. */
export async function getAccount(userId: number, rawEmail: string): Promise<AccountResponse> {
  const account = await findAccount(userId, rawEmail);
  const counts = await countAccountTasks(userId, [account.id]);
  return serializeAccount(account, counts.get(account.id) ?? { used: 0, submitted: 0, processing: 0 });
}
