import { ApiError } from "@/lib/api/errors";
import { accountEmailParamSchema } from "@/lib/api/accounts/schemas";
import { db } from "@/lib/db";
import type { Account } from "@/lib/generated/prisma/client";

/** The user's account named by a path segment, or 404 (also for another user's account). */
export async function findAccount(userId: number, rawEmail: string): Promise<Account> {
  let email = rawEmail;
  try {
    email = decodeURIComponent(rawEmail); // a path segment may arrive still encoded (%40 for @)
  } catch {
    // keep it as it is
  }
  const parsed = accountEmailParamSchema.safeParse(email);
  const account = parsed.success
    ? await db.account.findUnique({ where: { userId_email: { userId, email: parsed.data } } })
    : null;
  if (!account) {
    throw new ApiError("not_found", `Account ${email.slice(0, 254)} is not configured. Add it with POST /v1/kling/accounts.`);
  }
  return account;
}
