/**
 * The headers of every answer, pages and API alike: next.config.ts gives them to Next.js, and
 * the web server's direct route (serve-task-poll.ts) adds them itself.
 */
export function securityHeaders(dev: boolean): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
  ];
}

/**
 * No nonces, so pages stay static: Next's inline bootstrap scripts need 'unsafe-inline'.
 * In development React also needs 'unsafe-eval' for its error overlays.
 */
function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    // blob: plays the files a user picks before they are uploaded.
    "media-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
