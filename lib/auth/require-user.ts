import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { type SessionUser, getSessionUser } from "./get-session-user";

/** For pages and server actions: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser(await headers());
  if (!user) redirect("/sign-in");
  return user;
}
