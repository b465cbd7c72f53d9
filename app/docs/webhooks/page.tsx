import type { Metadata } from "next";
import { renderMarkdownDoc } from "@/lib/docs/render-markdown-doc";

// Rendered once at build time from docs/webhooks.md.
export const dynamic = "force-static";

export const metadata: Metadata = {
  title: "Webhooks · Lipsync Studio",
  description: "replyUrl callbacks: when they are sent, how to verify their signature (Node.js, Python), retries and ordering.",
};

const prose = [
  "flex flex-col gap-4 leading-relaxed text-stone-800 dark:text-stone-200",
  "[&_h1]:text-3xl [&_h1]:font-semibold [&_h1]:tracking-tight",
  "[&_h2]:mt-6 [&_h2]:border-t [&_h2]:border-stone-200 [&_h2]:pt-6 [&_h2]:text-xl [&_h2]:font-semibold dark:[&_h2]:border-stone-800",
  "[&_ul]:list-disc [&_ul]:pl-6 [&_li]:mt-1 [&_a]:underline",
  "[&_table]:w-full [&_table]:text-left [&_table]:text-sm [&_th]:py-1 [&_th]:pr-4 [&_td]:border-t [&_td]:border-stone-200 [&_td]:py-1 [&_td]:pr-4 [&_td]:align-top dark:[&_td]:border-stone-800",
  "[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-stone-100 [&_:not(pre)>code]:px-1 [&_:not(pre)>code]:font-mono [&_:not(pre)>code]:text-sm dark:[&_:not(pre)>code]:bg-stone-800",
  "[&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-stone-900 [&_pre]:px-4 [&_pre]:py-3 [&_pre]:font-mono [&_pre]:text-xs [&_pre]:text-stone-100 dark:[&_pre]:bg-black/60",
].join(" ");

/** The webhook guide (docs/webhooks.md) as a page, so the studio can link to it. */
export default function WebhooksDocsPage() {
  const { html } = renderMarkdownDoc("webhooks.md");
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
