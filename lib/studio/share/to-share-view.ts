import type { ShareLink } from "@/lib/generated/prisma/client";
import { buildShareUrl } from "./build-share-url";
import type { ShareView } from "./schemas";

export function toShareView(share: Pick<ShareLink, "slug" | "includeOriginal">): ShareView {
  return { slug: share.slug, url: buildShareUrl(share.slug), includeOriginal: share.includeOriginal };
}
