import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { securityHeaders } from "./lib/web/security-headers";

export default function config(phase: string): NextConfig {
  return {
    poweredByHeader: false,
    // Packages that ship native binaries or load files by path: required at run time from
    // node_modules, never bundled (the API probes uploads with ffprobe).
    serverExternalPackages: ["@ffmpeg-installer/ffmpeg", "@ffprobe-installer/ffprobe"],
    async headers() {
      return [{ source: "/:path*", headers: securityHeaders(phase === PHASE_DEVELOPMENT_SERVER) }];
    },
  };
}
