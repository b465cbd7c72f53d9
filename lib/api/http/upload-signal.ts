import { env } from "@/lib/env";

/** Aborts when the client goes away or the upload takes longer than UPLOAD_TIMEOUT_SECONDS. */
export function uploadSignal(req: Request): AbortSignal {
  return AbortSignal.any([req.signal, AbortSignal.timeout(env.UPLOAD_TIMEOUT_SECONDS * 1000)]);
}
