import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SyncedPlayers } from "@/components/task/synced-players";
import { buildShareUrl } from "@/lib/studio/share/build-share-url";
import { findPublicShare } from "@/lib/studio/share/find-public-share";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

const TITLE = "A lip-synced video";
const loadShare = cache(findPublicShare);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const share = await loadShare(slug);
  if (!share) return { title: "Link not available · Lipsync Studio", robots: { index: false } };
  const size = share.width && share.height ? { width: share.width, height: share.height } : {};
  const video = await buildShareUrl(slug, "/video");
  const cover = share.cover ? await buildShareUrl(slug, "/cover") : undefined;
  return {
    title: `${TITLE} · Lipsync Studio`,
    description: "Made with Lipsync Studio.",
    // Unlisted: whoever has the link may watch, search engines need not.
    robots: { index: false, follow: false },
    openGraph: {
      type: "video.other",
      title: TITLE,
      url: await buildShareUrl(slug),
      siteName: "Lipsync Studio",
      videos: [{ url: video, secureUrl: video, type: "video/mp4", ...size }],
      ...(cover ? { images: [{ url: cover, type: "image/jpeg", ...size }] } : {}),
    },
    twitter: { card: "summary_large_image", title: TITLE, ...(cover ? { images: [cover] } : {}) },
  };
}

/** A shared result, for anyone with the link (no sign-in); the original beside it when the owner chose so. */
export default async function SharePage({ params }: Props) {
  const { slug } = await params;
  const share = await loadShare(slug);
  if (!share) notFound();
  const base = `/s/${encodeURIComponent(slug)}`;
  const aspectRatio = share.width && share.height ? `${share.width} / ${share.height}` : "16 / 9";
  const poster = share.cover ? `${base}/cover` : undefined;

  return (
    <div className="mx-auto flex min-h-dvh w-full max-w-5xl flex-col gap-8 px-4 py-10 sm:px-6">
      <main className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold tracking-tight">{TITLE}</h1>
        {share.original ? (
          <SyncedPlayers originalSrc={`${base}/original`} resultSrc={`${base}/video`} poster={poster} aspectRatio={aspectRatio} />
        ) : (
          <div
            className="relative mx-auto max-h-[75vh] w-full overflow-hidden rounded-xl bg-stone-900 ring-1 ring-stone-200 dark:bg-black dark:ring-stone-800"
            style={{ aspectRatio }}
          >
            <video src={`${base}/video`} poster={poster} aria-label="Result video" className="absolute inset-0 size-full object-contain" controls playsInline preload="metadata" />
          </div>
        )}
      </main>
      <footer className="mt-auto flex items-center justify-center gap-2 text-sm text-stone-500 dark:text-stone-400">
        <img src="/favicon.svg" alt="" width={16} height={16} />
        Made with Lipsync Studio
      </footer>
    </div>
  );
}
