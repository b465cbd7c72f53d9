import { ApiError, errorResponse } from "@/lib/api/errors";
import { consumeRateLimit } from "@/lib/api/rate-limit";
import { verifyToken } from "@/lib/api/tokens/verify-token";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { getTrustedOrigins } from "@/lib/auth/trusted-origins";
import { observeHttpRequest, routePattern } from "@/lib/metrics/http-metrics";

export interface ApiAuth {
  userId: number;
  /** What the rate limit counts by: the token, or the studio user's writes (null: not counted). */
  rateLimitKey: string | null;
}

interface BaseContext<P> {
  req: Request;
  params: P;
  searchParams: URLSearchParams;
}

export interface ApiContext<P> extends BaseContext<P> {
  auth: ApiAuth;
}

type Params = Record<string, string | string[]>;

/** What Next.js calls: (request, { params: Promise<...> }). */
export type RouteHandler<P extends Params> = (req: Request, context: { params: Promise<P> }) => Promise<Response>;

function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization");
  const match = header?.match(/^Bearer[ ]+(\S+)\s*$/i);
  return match ? match[1] : null;
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * The studio's own requests carry the session cookie instead of a token (uploads with progress,
 * video players). A cookie is sent by any site's forms, so writes count only from our origins.
 */
async function sessionAuth(req: Request): Promise<ApiAuth | null> {
  if (!SAFE_METHODS.has(req.method) && !getTrustedOrigins(req.headers).includes(req.headers.get("origin") ?? "")) return null;
  const user = await getSessionUser(req.headers);
  // The studio's own reads (live progress polling, video range requests) are not rate limited.
  return user ? { userId: user.id, rateLimitKey: SAFE_METHODS.has(req.method) ? null : `user:${user.id}` } : null;
}

async function authenticate(req: Request): Promise<ApiAuth | null> {
  const token = bearerToken(req);
  if (token) {
    const verified = await verifyToken(token);
    return verified ? { userId: verified.userId, rateLimitKey: `token:${verified.tokenId}` } : null;
  }
  return sessionAuth(req);
}

/**
 * The one wrapper of every public API route: authenticates the bearer token or the studio's
 * session cookie (401 in the Kling
 * shape), applies the per-token rate limit (429 with Retry-After), runs the handler and maps
 * anything it throws to the error's status and Kling body. Rate-limit headers go on every answer.
 */
export function withApi<P extends Params = Params>(
  handler: (context: ApiContext<P>) => Promise<Response>,
  options: { auth: true },
): RouteHandler<P>;
export function withApi<P extends Params = Params>(
  handler: (context: BaseContext<P>) => Promise<Response>,
  options: { auth: false },
): RouteHandler<P>;
export function withApi<P extends Params>(
  handler: (context: ApiContext<P>) => Promise<Response>,
  options: { auth: boolean },
): RouteHandler<P> {
  const handle: RouteHandler<P> = async (req, context) => {
    let headers: Record<string, string> = {};
    try {
      const params = ((await context?.params) ?? {}) as P;
      const searchParams = new URL(req.url).searchParams;
      if (!options.auth) {
        return await handler({ req, params, searchParams } as ApiContext<P>);
      }
      const auth = await authenticate(req);
      if (!auth) throw new ApiError("unauthorized", "Unauthorized");

      if (auth.rateLimitKey) {
        const limit = await consumeRateLimit(auth.rateLimitKey);
        headers = limit.headers;
        if (!limit.allowed) {
          throw new ApiError(
            "rate_limit_exceeded",
            `Too many requests: this token may make ${headers["X-RateLimit-Limit"]} requests a minute. Retry after ${headers["Retry-After"]} s.`,
          );
        }
      }

      const response = await handler({ req, params, searchParams, auth });
      for (const [name, value] of Object.entries(headers)) {
        if (!response.headers.has(name)) response.headers.set(name, value);
      }
      return response;
    } catch (error) {
      return errorResponse(error, headers);
    }
  };
  return async (req, context) => {
    const started = performance.now();
    const response = await handle(req, context);
    const params = ((await context?.params) ?? {}) as Params;
    observeHttpRequest(req.method, routePattern(new URL(req.url).pathname, params), response.status, (performance.now() - started) / 1000);
    return response;
  };
}
