import { z } from "zod";
import { emailSchema, maxJobsSchema } from "@/lib/api/tasks/schemas";

const absentIfEmpty = (value: unknown) => (value === "" || value === null ? undefined : value);

export const ACCOUNT_PROVIDERS = ["local", "useapi"] as const;

/** A useapi.net API token as pasted: the whole string, user: prefix included. */
export const useapiTokenSchema = z
  .string({ error: "must be a string" })
  .trim()
  .min(8, "must be the whole useapi.net API token (user:...)")
  .max(500, "must be at most 500 characters")
  .regex(/^[\x21-\x7e]+$/, "must be the token exactly as useapi.net shows it (no spaces)");

/** POST /v1/kling/accounts: adds an account, or updates its maxJobs when it exists; unknown fields are refused. */
export const accountCreateSchema = z.strictObject({
  email: emailSchema.meta({ description: "Names the account (any email you like).", example: "jane@example.com" }),
  maxJobs: z.preprocess(absentIfEmpty, maxJobsSchema.optional()).meta({
    description: "1..50: how many of its tasks may run at once (default DEFAULT_MAX_JOBS, 1).",
    example: 2,
  }),
  provider: z.preprocess(absentIfEmpty, z.enum(ACCOUNT_PROVIDERS, "must be local or useapi").optional()).meta({
    description: "local (our engine, the default) or useapi (Kling through useapi.net). Left out: a new account is local, an existing one keeps its provider.",
  }),
  useapiToken: z.preprocess(absentIfEmpty, useapiTokenSchema.optional()).meta({
    description: "useapi accounts: the useapi.net API token, checked with useapi.net at once and stored encrypted. Required when adding a useapi account.",
  }),
  useapiEmail: z.preprocess(absentIfEmpty, emailSchema.optional()).meta({
    description: "useapi accounts: the Kling account email configured at useapi.net (default: this account's email).",
  }),
});

export const accountResponseSchema = z.object({
  email: z.string(),
  maxJobs: z.number().int(),
  limit: z.number().int().meta({ description: "Tasks the account may have in total." }),
  used: z.number().int().meta({ description: "Tasks it has (deleting a task frees its place)." }),
  remaining: z.number().int(),
  submitted: z.number().int().meta({ description: "Tasks waiting to start." }),
  processing: z.number().int().meta({ description: "Tasks running now." }),
  createTime: z.number().int(),
  provider: z.enum(ACCOUNT_PROVIDERS).meta({ description: "local (our engine) or useapi (Kling through useapi.net)." }),
  useapiEmail: z.string().optional().meta({ description: "useapi accounts: the Kling account email at useapi.net." }),
  useapiTokenLast4: z.string().optional().meta({ description: "useapi accounts: the token's last 4 characters (the token itself is never shown)." }),
});

export type AccountResponse = z.output<typeof accountResponseSchema>;

/** GET /v1/kling/accounts: every account, keyed by email. */
export const accountListResponseSchema = z.record(z.string(), accountResponseSchema);

/** An email in a path: decoded and checked like the body's; anything else is an account that does not exist. */
export const accountEmailParamSchema = emailSchema;
