import { db } from "@/lib/db";
import { StudioError } from "@/lib/studio/studio-error";

/** Opens or closes sign-up for everyone. Only the owner may; the role is read fresh from the database. */
export async function setSignupEnabled(userId: number, enabled: boolean): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (user?.role !== "owner") throw new StudioError("Only the owner can change this.");
  const settings = await db.instanceSettings.upsert({
    where: { id: 1 },
    create: { id: 1, signupEnabled: enabled },
    update: { signupEnabled: enabled },
  });
  return settings.signupEnabled;
}
