import { withApi } from "@/lib/api/with-api";
import { serveVideoPreview } from "@/lib/previews/serve-video-preview";

export const dynamic = "force-dynamic";

/** A video's browser-playable preview (H.264) or its face-centred poster, for its owner. */
export const GET = withApi<{ id: string; variant: string }>(
  async ({ req, params, auth }) => serveVideoPreview(req, auth.userId, params.id, params.variant),
  { auth: true },
);

export const HEAD = GET;
