import { z } from "zod";
import { emailSchema, maxJobsSchema } from "@/lib/api/tasks/schemas";

const absentIfEmpty = (value: unknown) => (value === "" || value === null ? undefined : value);

/** POST /v1/kling/accounts: adds an account, or updates its maxJobs when it exists; unknown fields are refused. */
export const accountCreateSchema = z.strictObject({
  email: emailSchema.meta({ description: "Names the account (any email you like).", example: "jane@example.com" }),
  maxJobs: z.preprocess(absentIfEmpty, maxJobsSchema.optional()).meta({
    description: "1..50: how many of its tasks may run at once (default DEFAULT_MAX_JOBS, 1).",
    example: 2,
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
});

export type AccountResponse = z.output<typeof accountResponseSchema>;

/** GET /v1/kling/accounts: every account, keyed by email. */
export const accountListResponseSchema = z.record(z.string(), accountResponseSchema);

/** An email in a path: decoded and checked like the body's; anything else is an account that does not exist. */
export const accountEmailParamSchema = emailSchema;
