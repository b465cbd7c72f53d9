import { readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";

// Raw HTML in the file is escaped (html: false): the page shows exactly the document's text.
const markdown = new MarkdownIt({ html: false, linkify: false });

/** HTML of a document of docs/ (e.g. "webhooks.md"), the one source of the guide and its page. */
export function renderMarkdownDoc(name: string): { title: string; html: string } {
  const source = readFileSync(path.join(process.cwd(), "docs", name), "utf8");
  const title = source.match(/^# (.+)$/m)?.[1] ?? name;
  return { title, html: markdown.render(source) };
}
