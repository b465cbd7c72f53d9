import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { isSignupOpen } from "@/lib/auth/is-signup-open";

export const dynamic = "force-dynamic";

/** First run goes to owner setup; otherwise to sign-in, or straight to a new lip sync. */
export default async function Home() {
  if ((await isSignupOpen()).firstUser) redirect("/setup");
  redirect((await getSessionUser(await headers())) ? "/new" : "/sign-in");
}
