import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { getPublicBaseUrl } from "@/lib/api/public-base-url";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getAuthSecret } from "./auth-secret";
import { getTrustedOrigins } from "./trusted-origins";
import { isSignupOpen } from "./is-signup-open";

function createAuth() {
  return betterAuth({
    appName: "Lipsync Studio",
    baseURL: getPublicBaseUrl(),
    secret: getAuthSecret(),
    trustedOrigins: (request) => getTrustedOrigins(request?.headers),
    database: prismaAdapter(db, { provider: "postgresql" }),
    advanced: {
      database: { generateId: "serial" },
      // Explicit: Better Auth turns both checks off whenever TEST is set in the environment.
      disableOriginCheck: false,
      disableCSRFCheck: false,
    },
    account: { modelName: "login" },
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 256, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "member" },
        webhookSecret: { type: "string", input: false, returned: false },
      },
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user) => {
            const signup = await isSignupOpen();
            if (!signup.open) {
              throw new APIError("FORBIDDEN", { message: "Sign-up is closed. Ask the owner of this Lipsync Studio to open it in Settings." });
            }
            return {
              data: {
                ...user,
                email: user.email.toLowerCase(),
                role: signup.firstUser ? "owner" : "member",
                webhookSecret: randomBytes(32).toString("hex"),
              },
            };
          },
          // Every user starts with one API account (the seed API's accounts), named by their email.
          after: async (user) => {
            await db.account.create({ data: { userId: Number(user.id), email: user.email, maxJobs: env.DEFAULT_MAX_JOBS } });
          },
        },
      },
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const cache = globalThis as unknown as { lipsyncAuth?: Auth };

/**
 * Browser sign-in (Better Auth, email + password, sessions in PostgreSQL). The first person to
 * sign up becomes the owner; after that sign-up is open only while the owner allows it.
 * Made on first use: `next build` loads this module without a database or DATA_DIR.
 */
export function getAuth(): Auth {
  cache.lipsyncAuth ??= createAuth();
  return cache.lipsyncAuth;
}
