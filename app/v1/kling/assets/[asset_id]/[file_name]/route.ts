import { serveAsset } from "@/lib/api/assets/serve-asset";
import { isSignedAssetRequest, serveSignedAsset } from "@/lib/api/assets/serve-signed-asset";
import { type RouteHandler, withApi } from "@/lib/api/with-api";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";

export const dynamic = "force-dynamic";

type Params = { asset_id: string; file_name: string };

const withToken = withApi<Params>(async ({ req, params, auth }) => serveAsset(req, auth.userId, params.asset_id), {
  auth: true,
});

const withSignature = withApi<Params>(async ({ req, params, searchParams }) => serveSignedAsset(req, params.asset_id, searchParams), {
  auth: false,
});

export const GET: RouteHandler<Params> = (req, context) =>
  (isSignedAssetRequest(new URL(req.url).searchParams) ? withSignature : withToken)(req, context);

export const HEAD = GET;

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "HEAD"]);
