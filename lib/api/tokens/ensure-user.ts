import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";

const ensureUserInput = z.object({
  email: z.email().transform((email) => email.toLowerCase()),
  /** maxJobs of the default account made for a user that has none (1-50). */
  defaultMaxJobs: z.number().int().min(1).max(50),
});

export type EnsuredUser = { id: number; email: string; webhookSecret: string; created: boolean };

/**
 * The user with this email, created when missing (with a random webhook signing secret). A user
 * without accounts gets a default one named by the same email.
 */
export async function ensureUser(input: z.input<typeof ensureUserInput>): Promise<EnsuredUser> {
  const { email, defaultMaxJobs } = ensureUserInput.parse(input);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    const user = existing ?? (await tx.user.create({ data: { email, webhookSecret: randomBytes(32).toString("hex") } }));
    if ((await tx.account.count({ where: { userId: user.id } })) === 0) {
      await tx.account.create({ data: { userId: user.id, email, maxJobs: defaultMaxJobs } });
    }
    return { id: user.id, email: user.email, webhookSecret: user.webhookSecret, created: !existing };
  });
}
