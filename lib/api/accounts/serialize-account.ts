import type { AccountResponse } from "@/lib/api/accounts/schemas";

export interface AccountCounts {
  used: number;
  submitted: number;
  processing: number;
}

/** An account as the API shows it. */
export function serializeAccount(
  account: {
    email: string;
    maxJobs: number;
    taskLimit: number;
    createdAt: Date;
    provider: string;
    useapiEmail: string | null;
    useapiTokenLast4: string | null;
  },
  counts: AccountCounts,
): AccountResponse {
  return {
    email: account.email,
    maxJobs: account.maxJobs,
    limit: account.taskLimit,
    used: counts.used,
    remaining: Math.max(0, account.taskLimit - counts.used),
    submitted: counts.submitted,
    processing: counts.processing,
    createTime: account.createdAt.getTime(),
    provider: account.provider === "useapi" ? "useapi" : "local",
    ...(account.provider === "useapi"
      ? { useapiEmail: account.useapiEmail ?? account.email, useapiTokenLast4: account.useapiTokenLast4 ?? "" }
      : {}),
  };
}
