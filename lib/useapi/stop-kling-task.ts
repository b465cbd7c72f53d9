import { UseapiError } from "./useapi-error";
import { type UseapiConnection, useapiRequest } from "./useapi-request";

/** DELETE /v1/kling/scheduler/{id}: useapi stops tracking the task (Kling itself may still finish it). 404: it already stopped. */
export async function stopKlingTask(conn: UseapiConnection, upstreamId: string): Promise<void> {
  try {
    await useapiRequest(conn.token, { method: "DELETE", path: `/v1/kling/scheduler/${encodeURIComponent(upstreamId)}`, timeoutMs: 20_000 });
  } catch (error) {
    if (!(error instanceof UseapiError && error.status === 404)) throw error;
  }
}
