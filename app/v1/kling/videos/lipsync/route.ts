import { createLipsyncTask } from "@/lib/api/tasks/create-lipsync-task";
import { withApi } from "@/lib/api/with-api";

export const dynamic = "force-dynamic";

export const POST = withApi(async ({ req, auth }) => Response.json(await createLipsyncTask(req, auth.userId)), { auth: true });
