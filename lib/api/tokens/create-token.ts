import { z } from "zod";
import { db } from "@/lib/db";
import { generateToken } from "./generate-token";
import { VISIBLE_PREFIX_LENGTH, hashToken } from "./token-format";

const createTokenInput = z.object({
  userId: z.number().int().positive(),
  name: z.string().trim().min(1).max(100),
});

export type CreatedToken = { id: string; name: string; prefix: string; createdAt: Date; /** shown once, never stored */ token: string };

/** Creates an API token for the user. Only its SHA-256 is stored: the plain token is returned once. */
export async function createToken(input: z.input<typeof createTokenInput>): Promise<CreatedToken> {
  const { userId, name } = createTokenInput.parse(input);
  const token = generateToken();
  const row = await db.apiToken.create({
    data: { userId, name, hashedKey: hashToken(token), prefix: token.slice(0, VISIBLE_PREFIX_LENGTH) },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { ...row, token };
}
