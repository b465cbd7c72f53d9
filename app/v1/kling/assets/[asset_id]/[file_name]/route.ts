import { serveAsset } from "@/lib/api/assets/serve-asset";
import { withApi } from "@/lib/api/with-api";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";

export const dynamic = "force-dynamic";

type Params = { asset_id: string; file_name: string };

export const GET = withApi<Params>(async ({ req, params, auth }) => serveAsset(req, auth.userId, params.asset_id), {
  auth: true,
});

export const HEAD = GET;

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "HEAD"]);
