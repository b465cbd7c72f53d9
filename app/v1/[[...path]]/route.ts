import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/with-api";

export const dynamic = "force-dynamic";

/**
 * Unknown API paths answer in JSON (the Kling 404 shape) rather than with the HTML page; the
 * optional catch-all also takes /v1 itself, where Next.js puts paths such as
 * /v1/kling/assets/%2e%2e/%2e%2e after resolving the dot segments.
 */
const notFound = withApi<{ path?: string[] }>(async ({ req }) => {
  throw new ApiError("not_found", `No such endpoint: ${req.method} ${new URL(req.url).pathname}. See /docs/api.`);
}, { auth: false });

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
