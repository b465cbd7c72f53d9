import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/with-api";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
/** HEAD comes with GET: Next.js answers it from the GET handler. */
type Unserved<A extends Method> = Exclude<Method, A | ("GET" extends A ? "HEAD" : never)>;

/**
 * Handlers for the methods a route does not serve: 405 in the Kling error shape with an Allow
 * header (instead of Next.js's empty 405). A route file exports them beside its own:
 *
 *   export const { POST, PUT, PATCH } = methodsNotAllowed(["GET", "DELETE"]);
 */
export function methodsNotAllowed<const A extends Method>(allowed: readonly A[]): Record<Unserved<A>, ReturnType<typeof withApi>> {
  const served: Method[] = allowed.includes("GET" as A) ? [...allowed, "HEAD"] : [...allowed];
  const usable = METHODS.filter((method) => served.includes(method));
  const allow = [...usable, "OPTIONS"].join(", ");
  const handler = withApi(async ({ req }) => {
    throw new ApiError("method_not_allowed", `Method ${req.method} is not allowed on ${new URL(req.url).pathname}. Use ${usable.join(" or ")}.`, {
      headers: { Allow: allow },
    });
  }, { auth: false });
  return Object.fromEntries(METHODS.filter((method) => !served.includes(method)).map((method) => [method, handler])) as Record<Unserved<A>, typeof handler>;
}
