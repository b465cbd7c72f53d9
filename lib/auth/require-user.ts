import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { type SessionUser, getSessionUser } from "./get-session-user";
import { REQUEST_PATH_HEADER, safeNextPath } from "./safe-next-path";

/** For pages and server actions: the signed-in user, or a redirect to the sign-in page (which comes back here). */
export async function requireUser(): Promise<SessionUser> {
  const requestHeaders = await headers();
  const user = await getSessionUser(requestHeaders);
  if (!user) {
    const next = safeNextPath(requestHeaders.get(REQUEST_PATH_HEADER));
    redirect(next === "/new" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`);
  }
  return user;
}
