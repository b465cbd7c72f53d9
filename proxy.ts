import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/auth/safe-next-path";

/** Tells the studio's pages their own path, so a sign-in they ask for comes back to them (requireUser). */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/new", "/tasks/:path*", "/settings", "/uploads"] };
