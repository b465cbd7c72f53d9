import { createLipsyncTask } from "@/lib/api/tasks/create-lipsync-task";
import { withApi } from "@/lib/api/with-api";
import { methodsNotAllowed } from "@/lib/api/methods-not-allowed";

export const dynamic = "force-dynamic";

export const POST = withApi(async ({ req, auth }) => Response.json(await createLipsyncTask(req, auth.userId)), { auth: true });

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
