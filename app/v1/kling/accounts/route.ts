import { listAccounts } from "@/lib/api/accounts/list-accounts";
import { upsertAccount } from "@/lib/api/accounts/upsert-account";
import { readJsonBody } from "@/lib/api/http/read-json-body";
import { withApi } from "@/lib/api/with-api";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";

export const dynamic = "force-dynamic";

export const GET = withApi(async ({ auth }) => Response.json(await listAccounts(auth.userId)), { auth: true });

export const POST = withApi(
  async ({ req, auth }) => Response.json(await upsertAccount(auth.userId, await readJsonBody(req))),
  { auth: true },
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
