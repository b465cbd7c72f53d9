import { countAccountTasks } from "@/lib/api/accounts/count-account-tasks";
import { type AccountResponse, accountCreateSchema } from "@/lib/api/accounts/schemas";
import { serializeAccount } from "@/lib/api/accounts/serialize-account";
import { useapiAccountFields } from "@/lib/api/accounts/useapi-account-fields";
import { ApiError } from "@/lib/api/errors";
import { TASK_STATUS } from "@/lib/api/tasks/schemas";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { decryptSecret } from "@/lib/secrets/decrypt-secret";

const LOCAL_FIELDS = { provider: "local", useapiEmail: null, useapiTokenEnc: null, useapiTokenLast4: null };

/**
 * POST /v1/kling/accounts: adds the account, or changes the existing one (maxJobs; provider and
 * useapi token/email, checked with useapi.net before anything is saved). Without `provider` a new
 * account is local and an existing one keeps its provider, as before providers existed.
 */
export async function upsertAccount(userId: number, body: unknown): Promise<AccountResponse> {
  const { email, maxJobs, provider, useapiToken, useapiEmail } = accountCreateSchema.parse(body);
  const existing = await db.account.findUnique({ where: { userId_email: { userId, email } } });
  const target = provider ?? existing?.provider ?? "local";
  if (target === "local" && (useapiToken || useapiEmail)) {
    throw new ApiError("bad_request", 'Parameters useapiToken and useapiEmail need "provider": "useapi".');
  }
  let providerFields: object = {};
  if (target === "useapi") {
    const klingEmail = useapiEmail ?? existing?.useapiEmail ?? email;
    if (!useapiToken && !existing?.useapiTokenEnc) {
      throw new ApiError("bad_request", "Parameter useapiToken is required for a useapi account: the API token of your useapi.net subscription.");
    }
    if (useapiToken || klingEmail !== existing?.useapiEmail || existing?.provider !== "useapi") {
      const token = useapiToken ?? storedToken(existing?.useapiTokenEnc ?? "");
      providerFields = (await useapiAccountFields(token, klingEmail)).fields;
    }
  } else if (existing && existing.provider !== "local") {
    providerFields = LOCAL_FIELDS;
  }
  if (existing && "provider" in providerFields && providerFields.provider !== existing.provider) {
    const active = await db.task.count({
      where: { accountId: existing.id, status: { in: [TASK_STATUS.submitted, TASK_STATUS.processing] } },
    });
    if (active > 0) {
      throw new ApiError("conflict", `Account ${email} has ${active} task(s) waiting or running. Let them finish (or cancel them) before changing its provider.`);
    }
  }
  const account = await db.account.upsert({
    where: { userId_email: { userId, email } },
    create: { userId, email, maxJobs: maxJobs ?? env.DEFAULT_MAX_JOBS, ...providerFields },
    update: { ...(maxJobs === undefined ? {} : { maxJobs }), ...providerFields },
  });
  const counts = await countAccountTasks(userId, [account.id]);
  return serializeAccount(account, counts.get(account.id) ?? { used: 0, submitted: 0, processing: 0 });
}

function storedToken(sealed: string): string {
  try {
    return decryptSecret(sealed);
  } catch (error) {
    throw new ApiError("bad_request", `The account's stored useapi.net token cannot be used (${(error as Error).message}). Send useapiToken again.`);
  }
}
