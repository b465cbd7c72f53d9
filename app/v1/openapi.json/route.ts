import { buildOpenApiDocument } from "@/lib/api/openapi/build-openapi-document";
import { getPublicBaseUrl } from "@/lib/api/public-base-url";
import { withApi } from "@/lib/api/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi(async () => Response.json(buildOpenApiDocument(getPublicBaseUrl())), { auth: false });
