import { buildOpenApiDocument } from "@/lib/api/openapi/build-openapi-document";
import { getPublicBaseUrl } from "@/lib/api/public-base-url";
import { withApi } from "@/lib/api/with-api";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";

export const dynamic = "force-dynamic";

export const GET = withApi(async () => Response.json(buildOpenApiDocument(getPublicBaseUrl())), { auth: false });

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
