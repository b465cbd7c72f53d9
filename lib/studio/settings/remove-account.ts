import { deleteAccount } from "@/lib/api/accounts/delete-account";
import { findAccount } from "@/lib/api/accounts/find-account";
import { db } from "@/lib/db";
import { StudioError } from "@/lib/studio/studio-error";

/**
 * Deletes one of the user's accounts with its finished tasks (see deleteAccount, which refuses
 * while tasks run). The last account stays: API requests need an account to run under.
 */
export async function removeAccount(userId: number, email: string): Promise<void> {
  const account = await findAccount(userId, email);
  if ((await db.account.count({ where: { userId } })) <= 1) {
    throw new StudioError(`${account.email} is your only account, and API requests need one. Add another account before deleting this one.`);
  }
  await deleteAccount(userId, account.email);
}
