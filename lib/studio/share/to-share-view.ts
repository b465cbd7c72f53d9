import type { ShareLink } from "@/lib/generated/prisma/client";
import { buildShareUrl } from "./build-share-url";
import type { ShareView } from "./schemas";

/** The page-facing view of a share link row (its absolute URL included). */
export async function toShareView(share: Pick<ShareLink, "slug" | "includeOriginal">): Promise<ShareView> {
  return { slug: share.slug, url: await buildShareUrl(share.slug), includeOriginal: share.includeOriginal };
}
