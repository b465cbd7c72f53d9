import { readFileSync } from "node:fs";
import { type ApiClient, apiClient, speechBytes } from "@/tests/api/helpers";
import type { Stack, StackUser } from "@/tests/integration/harness";

export type WorkerUser = { user: StackUser; client: ApiClient; face: { url: string }; speech: { url: string } };

/** A user whose account runs up to 10 tasks at once, with a short face clip and the speech fixture uploaded. */
export async function createWorkerUser(stack: Stack, shortFace: string): Promise<WorkerUser> {
  const user = await stack.createUser();
  const client = apiClient(stack.baseUrl, user.token);
  const account = await client.postJson("/accounts", { email: user.email, maxJobs: 10 });
  if (account.status !== 200) throw new Error(`setting maxJobs failed: ${account.status} ${JSON.stringify(account.body)}`);
  const face = await client.upload(readFileSync(shortFace), "face.mp4");
  const speech = await client.upload(speechBytes(), "speech.wav");
  return { user, client, face, speech };
}
