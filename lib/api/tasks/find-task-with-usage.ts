import { taskNotFound } from "@/lib/api/tasks/find-task";
import { taskIdSchema } from "@/lib/api/tasks/schemas";
import type { SerializableAccount } from "@/lib/api/tasks/serialize-task";
import { db } from "@/lib/db";
import type { Task } from "@/lib/generated/prisma/client";

type Row = Task & { accountEmail: string; accountTaskLimit: number; accountProvider: string; tasksUsed: number };

/**
 * What the task model needs, in one query (GET task is what every client polls): the user's task
 * (optionally of the account `email`), its account and how many tasks that account has. 404 as
 * findTask: a malformed id, a missing task and another user's task answer alike.
 */
export async function findTaskWithUsage(userId: number, rawId: string, email?: string): Promise<{ task: Task; account: SerializableAccount }> {
  const id = taskIdSchema.safeParse(rawId);
  if (!id.success) throw taskNotFound(rawId);
  const [row] = await db.$queryRaw<Row[]>`
    SELECT t.*, a.email AS "accountEmail", a."taskLimit" AS "accountTaskLimit", a.provider AS "accountProvider",
      (SELECT count(*)::int FROM "Task" AS c WHERE c."accountId" = t."accountId") AS "tasksUsed"
    FROM "Task" AS t JOIN "Account" AS a ON a.id = t."accountId"
    WHERE t.id = ${id.data} AND t."userId" = ${userId} AND (${email ?? null}::text IS NULL OR a.email = ${email ?? null}::text)`;
  if (!row) throw taskNotFound(rawId);
  const { accountEmail, accountTaskLimit, accountProvider, tasksUsed, ...task } = row;
  return { task, account: { email: accountEmail, taskLimit: accountTaskLimit, provider: accountProvider, tasksUsed } };
}
