import { ApiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Account } from "@/lib/generated/prisma/client";

/**
 * The account a request runs under, as the Kling API picks it: the one named by `email`
 * (400 when it is not configured), else the only one (400 when there are several). A user with
 * no account yet gets one named by their own email, so a first request works without setup.
 */
export async function resolveAccount(userId: number, email: string | undefined): Promise<Account> {
  if (email) {
    const account = await db.account.findUnique({ where: { userId_email: { userId, email } } });
    if (account) return account;
    const total = await db.account.count({ where: { userId } });
    const user = total === 0 ? await db.user.findUnique({ where: { id: userId } }) : null;
    if (user && user.email.toLowerCase() === email) return createDefaultAccount(userId, email);
    throw new ApiError("bad_request", `Account ${email} is not configured. Add it with POST /v1/kling/accounts or leave email out.`);
  }
  const accounts = await db.account.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, take: 6 });
  if (accounts.length === 1) return accounts[0];
  if (accounts.length > 1) {
    const names = accounts.slice(0, 5).map((account) => account.email).join(", ");
    throw new ApiError(
      "bad_request",
      `Parameter email is required when more than one account is configured (${names}${accounts.length > 5 ? ", ..." : ""}).`,
    );
  }
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new ApiError("unauthorized", "Unauthorized");
  return createDefaultAccount(userId, user.email.toLowerCase());
}

async function createDefaultAccount(userId: number, email: string): Promise<Account> {
  return db.account.upsert({
    where: { userId_email: { userId, email } },
    create: { userId, email, maxJobs: env.DEFAULT_MAX_JOBS },
    update: {},
  });
}
