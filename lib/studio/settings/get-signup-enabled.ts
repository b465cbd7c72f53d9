import { db } from "@/lib/db";

/** Whether the owner allows new people to sign up (InstanceSettings id 1; off until set). */
export async function getSignupEnabled(): Promise<boolean> {
  const settings = await db.instanceSettings.findUnique({ where: { id: 1 }, select: { signupEnabled: true } });
  return settings?.signupEnabled ?? false;
}
