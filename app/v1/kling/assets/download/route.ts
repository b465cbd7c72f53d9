import { getDownloadUrl } from "@/lib/api/assets/get-download-url";
import { withApi } from "@/lib/api/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi(
  async ({ searchParams, auth }) => Response.json(await getDownloadUrl(auth.userId, searchParams)),
  { auth: true },
);
