/** Users, accounts and queued tasks made straight in the job stack's database (no web server). */
import { type JobStack, waitFor } from "./job-stack";

let userCount = 0;

export type Owner = Awaited<ReturnType<typeof newAccount>>;

/** A user with one account of `maxJobs` concurrent tasks. */
export async function newAccount(maxJobs = 1) {
  const { prisma } = await import("@/lib/db");
  userCount++;
  const tag = `${process.pid}-${userCount}`;
  const user = await prisma.user.create({ data: { email: `user${tag}@jobs.test`, webhookSecret: `secret-${tag}` } });
  const account = await prisma.account.create({ data: { userId: user.id, email: `account${tag}@jobs.test`, maxJobs } });
  return { user, account };
}

/** A task row of `owner` with its job queued: the fixture video and speech from the loopback server unless given. */
export async function submitTask(stack: JobStack, owner: Owner, inputs: { video?: string; audio?: string; replyRef?: string; hook?: boolean } = {}) {
  const { prisma } = await import("@/lib/db");
  const { enqueueLipsyncTask } = await import("@/lib/jobs/lipsync/enqueue-lipsync-task");
  const task = await prisma.task.create({
    data: {
      userId: owner.user.id,
      accountId: owner.account.id,
      videoUrl: inputs.video ?? `${stack.files}/astronaut.mp4`,
      audioUrl: inputs.audio ?? `${stack.files}/speech.wav`,
      replyUrl: inputs.hook ? stack.hookUrl : null,
      replyRef: inputs.replyRef ?? null,
    },
  });
  await enqueueLipsyncTask(task.id);
  return task;
}

/** The task's row now. */
export async function taskRow(id: number) {
  const { prisma } = await import("@/lib/db");
  return prisma.task.findUniqueOrThrow({ where: { id } });
}

/** The task's row once it succeeded or failed. */
export function finalTask(id: number, timeoutMs = 120_000) {
  return waitFor(async () => {
    const row = await taskRow(id);
    return row.status === 99 || row.status === 50 ? row : undefined;
  }, timeoutMs, `task ${id} to finish`, 200);
}
