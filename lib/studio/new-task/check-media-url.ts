import { isHttpUrl } from "./is-http-url";

/** What is wrong with a typed link, or null. */
export function checkMediaUrl(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (!isHttpUrl(trimmed)) return "Enter a link that starts with http:// or https://.";
  if (trimmed.length > 2048) return "This link is too long (at most 2048 characters).";
  return null;
}
