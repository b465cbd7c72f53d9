import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TaskView } from "@/components/task/task-view";
import { getRequestBaseUrl } from "@/lib/api/request-base-url";
import { taskIdSchema } from "@/lib/api/tasks/schemas";
import { requireUser } from "@/lib/auth/require-user";
import { findActiveShare } from "@/lib/studio/share/find-active-share";
import { buildCurlCommands } from "@/lib/studio/task-detail/build-curl-commands";
import { findTaskDeliveries } from "@/lib/studio/task-detail/find-task-deliveries";
import { findTaskSnapshot } from "@/lib/studio/task-detail/find-task-snapshot";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Task ${id.slice(0, 12)} · Lipsync Studio` };
}

/** One task of the signed-in user; anyone else's task, or none, is a 404 (never a 403). */
export default async function TaskPage({ params }: Props) {
  const user = await requireUser();
  const id = taskIdSchema.safeParse((await params).id);
  const snapshot = id.success ? await findTaskSnapshot(user.id, id.data) : null;
  if (!snapshot) notFound();
  const { task } = snapshot;
  const [share, deliveries] = await Promise.all([findActiveShare(user.id, task.id), task.replyUrl ? findTaskDeliveries(user.id, task.id) : []]);
  return <TaskView initial={snapshot} share={share} deliveries={deliveries} commands={buildCurlCommands(task, await getRequestBaseUrl())} />;
}
