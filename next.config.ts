import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

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

export default function config(phase: string): NextConfig {
  const securityHeaders = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(phase === PHASE_DEVELOPMENT_SERVER) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
  ];
  return {
    poweredByHeader: false,
    // Packages that ship native binaries or load files by path: required at run time from
    // node_modules, never bundled (the API probes uploads with ffprobe).
    serverExternalPackages: ["@ffmpeg-installer/ffmpeg", "@ffprobe-installer/ffprobe"],
    async headers() {
      return [{ source: "/:path*", headers: securityHeaders }];
    },
  };
}
