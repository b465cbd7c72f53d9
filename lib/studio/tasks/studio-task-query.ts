import { z } from "zod";
import { TASK_STATUS, type TaskStatusName } from "@/lib/api/tasks/schemas";

export const HISTORY_PAGE_SIZE = 20;
/** Longer searches match nothing useful and only cost the database time. */
export const MAX_SEARCH_LENGTH = 200;
const MAX_PAGE = 100_000;

const STATUS_NAMES = Object.keys(TASK_STATUS) as [TaskStatusName, ...TaskStatusName[]];

const status = z.preprocess(
  (value) => (value === "" || value === "all" ? undefined : value),
  z.enum(STATUS_NAMES, { error: `must be one of all, ${STATUS_NAMES.join(", ")}` }).optional(),
);

const q = z
  .string({ error: "must be a string" })
  .trim()
  .max(MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`)
  .default("");

const page = z
  .string({ error: "must be a string" })
  .regex(/^\d{1,6}$/, `must be a whole number from 1 to ${MAX_PAGE}`)
  .transform(Number)
  .refine((value) => value >= 1 && value <= MAX_PAGE, `must be a whole number from 1 to ${MAX_PAGE}`)
  .default(1);

/** GET /api/studio/tasks: strict, so a bad parameter is a 400 that names it. */
export const studioTaskQuerySchema = z.object({ status, q, page });

/** The /tasks page's URL: a hand-edited value falls back to its default instead of an error page. */
export const studioTaskUrlQuerySchema = z.object({
  status: status.catch(undefined),
  q: z.string().catch("").transform((value) => value.trim().slice(0, MAX_SEARCH_LENGTH)),
  page: page.catch(1),
});

export type StudioTaskQuery = z.output<typeof studioTaskQuerySchema>;

/** The query as URL parameters, defaults left out (?status=&q=&page=). */
export function toTaskSearchParams(query: StudioTaskQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.q) params.set("q", query.q);
  if (query.page > 1) params.set("page", String(query.page));
  return params;
}
