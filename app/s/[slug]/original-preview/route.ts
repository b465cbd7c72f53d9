import { withApi } from "@/lib/api/with-api";
import { serveShareMedia } from "@/lib/studio/share/serve-share-media";

export const dynamic = "force-dynamic";

export const GET = withApi<{ slug: string }>(async ({ req, params }) => serveShareMedia(req, params.slug, "originalPreview"), { auth: false });

export const HEAD = GET;
