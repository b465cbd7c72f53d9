import { createAsset } from "@/lib/api/assets/create-asset";
import { withApi } from "@/lib/api/with-api";

export const dynamic = "force-dynamic";

export const POST = withApi(
  async ({ req, searchParams, auth }) => Response.json(await createAsset(req, auth.userId, searchParams)),
  { auth: true },
);
