import { z } from "zod";

/** A share slug: 22 base64url characters (16 random bytes). Anything else is a share that does not exist. */
export const shareSlugSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/** An active share link as the task page shows it. */
export type ShareView = {
  slug: string;
  /** absolute: `${getRequestBaseUrl()}/s/{slug}` */
  url: string;
  includeOriginal: boolean;
};
