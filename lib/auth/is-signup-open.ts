import { db } from "@/lib/db";

/** Whether a new person may sign up now: always while there is no owner (first run), else per settings. */
export async function isSignupOpen(): Promise<{ open: boolean; firstUser: boolean }> {
  const owner = await db.user.findFirst({ where: { role: "owner" }, select: { id: true } });
  if (!owner) return { open: true, firstUser: true };
  const settings = await db.instanceSettings.findUnique({ where: { id: 1 } });
  return { open: settings?.signupEnabled ?? false, firstUser: false };
}
