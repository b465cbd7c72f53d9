import { getDownloadUrl } from "@/lib/api/assets/get-download-url";
import { withApi } from "@/lib/api/with-api";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";

export const dynamic = "force-dynamic";

export const GET = withApi(
  async ({ searchParams, auth }) => Response.json(await getDownloadUrl(auth.userId, searchParams)),
  { auth: true },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
