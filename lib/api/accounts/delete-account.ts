import { deleteAssets } from "@/lib/api/assets/delete-assets";
import { findAccount } from "@/lib/api/accounts/find-account";
import { ApiError } from "@/lib/api/errors";
import { TASK_STATUS } from "@/lib/api/tasks/schemas";
import { db } from "@/lib/db";

/**
 * DELETE /v1/kling/accounts/{email}: removes the account with its finished tasks and their
 * results. Refused (409) while any of its tasks waits or runs: cancel those first.
 */
export async function deleteAccount(userId: number, rawEmail: string): Promise<void> {
  const account = await findAccount(userId, rawEmail);
  const active = await db.task.count({
    where: { accountId: account.id, status: { in: [TASK_STATUS.submitted, TASK_STATUS.processing] } },
  });
  if (active > 0) {
    throw new ApiError(
      "conflict",
      `Account ${account.email} has ${active} task(s) waiting or running. Cancel them with DELETE /v1/kling/tasks/{task_id} first.`,
    );
  }
  const tasks = await db.task.findMany({
    where: { accountId: account.id },
    select: { resultAssetId: true, coverAssetId: true },
  });
  const resultIds = tasks.flatMap((task) => [task.resultAssetId, task.coverAssetId]).filter((id): id is string => Boolean(id));
  await db.account.delete({ where: { id: account.id } });
  await deleteAssets(userId, resultIds);
}
