import { env } from "@/lib/env";

/** Origin (plus optional path prefix) of every absolute URL the API hands out; never the Host header. */
export function getPublicBaseUrl(): string {
  return env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`;
}
