import type { ShareLink } from "@/lib/generated/prisma/client";
import { buildShareUrl } from "./build-share-url";
import type { ShareView } from "./schemas";

/** The page-facing view of a share link row (its absolute URL included). */
export function toShareView(share: Pick<ShareLink, "slug" | "includeOriginal">): ShareView {
  return { slug: share.slug, url: buildShareUrl(share.slug), includeOriginal: share.includeOriginal };
}
