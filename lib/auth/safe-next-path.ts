/** Request header in which proxy.ts hands a studio page its path and query. */
export const REQUEST_PATH_HEADER = "x-lipsync-path";

/**
 * Where to go after signing in: `next` when it is a path of this site ("/tasks/2?x=1"), else
 * "/new". Anything that could leave the site (//host, /\host, a scheme, control characters) is refused.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || next.length > 2000 || !next.startsWith("/") || next.includes("\\") || [...next].some((c) => c < " " || c === "\u007f")) {
    return "/new";
  }
  try {
    const base = "http://studio.invalid";
    const url = new URL(next, base);
    return url.origin === base && !next.startsWith("//") ? url.pathname + url.search : "/new";
  } catch {
    return "/new";
  }
}
