/** The last path segment of a link, decoded ("https://x.com/a/talk%201.mp4?s=1" → "talk 1.mp4"), or null. */
export function fileNameFromUrl(value: string): string | null {
  try {
    const segment = new URL(value.trim()).pathname.split("/").filter(Boolean).pop();
    return segment ? decodeURIComponent(segment) : null;
  } catch {
    return null;
  }
}
