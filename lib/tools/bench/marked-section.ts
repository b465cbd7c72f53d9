/** A section of a generated page between two HTML comments, so one bench mode can refresh it alone. */
export interface SectionMarkers {
  start: string;
  end: string;
}

/** Puts the section into the page: in place of an earlier one, else at the end. */
export function mergeSection(page: string, section: string, { start, end }: SectionMarkers): string {
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from >= 0 && to > from) return page.slice(0, from) + section.trimEnd() + page.slice(to + end.length);
  if (!page.trim()) return `# Benchmarks\n\n${section}`;
  return `${page.trimEnd()}\n\n${section}`;
}

/** The section of a page, when it has one. */
export function extractSection(page: string, { start, end }: SectionMarkers): string | null {
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  return from >= 0 && to > from ? `${page.slice(from, to + end.length)}\n` : null;
}

/**
 * A freshly generated page with every marked section of the old page kept (the API latency, the
 * profile and the notes written by hand are refreshed by their own modes, never by the full run).
 */
export function keepMarkedSections(report: string, oldPage: string): string {
  let page = report;
  for (const match of oldPage.matchAll(/<!-- ([a-z-]+):start -->/g)) {
    const markers = { start: match[0], end: `<!-- ${match[1]}:end -->` };
    const section = extractSection(oldPage, markers);
    if (section) page = mergeSection(page, section, markers);
  }
  return page;
}
