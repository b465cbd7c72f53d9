import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { renderMarkdownDoc } from "@/lib/docs/render-markdown-doc";

/** The guides of docs/ served as pages, so the studio can link to them. */
const GUIDES: Record<string, { file: string; title: string; description: string }> = {
  webhooks: {
    file: "webhooks.md",
    title: "Webhooks",
    description: "replyUrl callbacks: when they are sent, how to verify their signature (Node.js, Python), retries and ordering.",
  },
  providers: {
    file: "providers.md",
    title: "Who runs the lip sync",
    description: "Our own engine or the real Kling through your useapi.net subscription: how to set up an account, limits and errors.",
  },
};

// Rendered once at build time from the docs/ files; other names are 404s.
export const dynamic = "force-static";
export const dynamicParams = false;

export function generateStaticParams(): { guide: string }[] {
  return Object.keys(GUIDES).map((guide) => ({ guide }));
}

export async function generateMetadata({ params }: { params: Promise<{ guide: string }> }): Promise<Metadata> {
  const guide = GUIDES[(await params).guide];
  return guide ? { title: `${guide.title} · Lipsync Studio`, description: guide.description } : {};
}

const prose = [
  "flex flex-col gap-4 leading-relaxed text-stone-800 dark:text-stone-200",
  "[&_h1]:text-3xl [&_h1]:font-semibold [&_h1]:tracking-tight",
  "[&_h2]:mt-6 [&_h2]:border-t [&_h2]:border-stone-200 [&_h2]:pt-6 [&_h2]:text-xl [&_h2]:font-semibold dark:[&_h2]:border-stone-800",
  "[&_ul]:list-disc [&_ul]:pl-6 [&_li]:mt-1 [&_a]:underline",
  "[&_table]:w-full [&_table]:text-left [&_table]:text-sm [&_th]:py-1 [&_th]:pr-4 [&_td]:border-t [&_td]:border-stone-200 [&_td]:py-1 [&_td]:pr-4 [&_td]:align-top dark:[&_td]:border-stone-800",
  "[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-stone-100 [&_:not(pre)>code]:px-1 [&_:not(pre)>code]:font-mono [&_:not(pre)>code]:text-sm dark:[&_:not(pre)>code]:bg-stone-800",
  "[&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-stone-900 [&_pre]:px-4 [&_pre]:py-3 [&_pre]:font-mono [&_pre]:text-xs [&_pre]:text-stone-100 dark:[&_pre]:bg-black/60",
].join(" ");

export default async function GuidePage({ params }: { params: Promise<{ guide: string }> }) {
  const guide = GUIDES[(await params).guide];
  if (!guide) notFound();
  const { html } = renderMarkdownDoc(guide.file);
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-6 px-6 py-12">
      <nav className="flex gap-4 text-sm text-stone-500">
        <a href="/" className="hover:underline">
          ← Lipsync Studio
        </a>
        <a href="/docs/api" className="hover:underline">
          API reference
        </a>
      </nav>
      <article className={prose} dangerouslySetInnerHTML={{ __html: html }} />
    </main>
  );
}
