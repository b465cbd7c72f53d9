import { createAsset } from "@/lib/api/assets/create-asset";
import { withApi } from "@/lib/api/with-api";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";

export const dynamic = "force-dynamic";

export const POST = withApi(
  async ({ req, searchParams, auth }) => Response.json(await createAsset(req, auth.userId, searchParams)),
  { auth: true },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
