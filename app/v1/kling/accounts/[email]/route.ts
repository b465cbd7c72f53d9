import { deleteAccount } from "@/lib/api/accounts/delete-account";
import { getAccount } from "@/lib/api/accounts/get-account";
import { withApi } from "@/lib/api/with-api";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";

export const dynamic = "force-dynamic";

export const GET = withApi<{ email: string }>(
  async ({ params, auth }) => Response.json(await getAccount(auth.userId, params.email)),
  { auth: true },
);

export const DELETE = withApi<{ email: string }>(async ({ params, auth }) => {
  await deleteAccount(auth.userId, params.email);
  return new Response(null, { status: 204 });
}, { auth: true });

export const { POST, PUT, PATCH } = methodsNotAllowed(["GET", "DELETE"]);
