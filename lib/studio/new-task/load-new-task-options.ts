import { listAccounts } from "@/lib/api/accounts/list-accounts";
import { env } from "@/lib/env";

export type NewTaskOptions = {
  accounts: { email: string; remaining: number; limit: number; provider: "local" | "useapi" }[];
  maxUploadBytes: number;
  maxDurationSeconds: number;
};

/** What the new-task form needs from the server: the user's accounts and the instance's limits. */
export async function loadNewTaskOptions(userId: number): Promise<NewTaskOptions> {
  const accounts = Object.values(await listAccounts(userId));
  return {
    accounts: accounts.map(({ email, remaining, limit, provider }) => ({ email, remaining, limit, provider })),
    maxUploadBytes: env.MAX_UPLOAD_BYTES,
    maxDurationSeconds: env.LIPSYNC_MAX_DURATION_SECONDS,
  };
}
