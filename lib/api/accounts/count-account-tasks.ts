import type { AccountCounts } from "@/lib/api/accounts/serialize-account";
import { TASK_STATUS } from "@/lib/api/tasks/schemas";
import { db } from "@/lib/db";

/** Tasks per account of a user: in total, waiting and running. */
export async function countAccountTasks(userId: number, accountIds?: number[]): Promise<Map<number, AccountCounts>> {
  const groups = await db.task.groupBy({
    by: ["accountId", "status"],
    where: { userId, ...(accountIds ? { accountId: { in: accountIds } } : {}) },
    _count: { _all: true },
  });
  const counts = new Map<number, AccountCounts>();
  for (const group of groups) {
    const entry = counts.get(group.accountId) ?? { used: 0, submitted: 0, processing: 0 };
    entry.used += group._count._all;
    if (group.status === TASK_STATUS.submitted) entry.submitted += group._count._all;
    if (group.status === TASK_STATUS.processing) entry.processing += group._count._all;
    counts.set(group.accountId, entry);
  }
  return counts;
}
