import { buildOpenApiDocument } from "@/lib/api/openapi/build-openapi-document";
import { getRequestBaseUrl } from "@/lib/api/request-base-url";
import { withApi } from "@/lib/api/with-api";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";

export const dynamic = "force-dynamic";

export const GET = withApi(async () => Response.json(buildOpenApiDocument(await getRequestBaseUrl())), { auth: false });

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
