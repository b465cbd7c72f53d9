import { db } from "@/lib/db";
import { getAuth } from "./auth";

export type SessionUser = { id: number; email: string; name: string; role: "owner" | "member" };

/** The signed-in user of a request (its session cookie), or null. */
export async function getSessionUser(headers: Headers): Promise<SessionUser | null> {
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  // Role from the database, not the session cache, so a changed role applies at once.
  const user = await db.user.findUnique({ where: { id: Number(session.user.id) }, select: { id: true, email: true, name: true, role: true } });
  if (!user) return null;
  return { ...user, role: user.role === "owner" ? "owner" : "member" };
}
