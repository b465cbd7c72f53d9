import { STATUS_CODES } from "node:http";
import { prisma } from "@/lib/db";
import { countWebhookFailure } from "@/lib/metrics/task-metrics";
import { UrlRefusedError } from "@/lib/net/assert-public-url";
import { safeRequest } from "@/lib/net/safe-request";
import { nextAttemptAt, WEBHOOK_ATTEMPT_TIMEOUT_MS } from "./backoff";
import { SIGNATURE_HEADER, signPayload } from "./sign-payload";

/**
 * A claimed delivery is not claimed again for this long: three times an attempt's time limit, so
 * a worker killed mid-attempt holds back the task's callbacks for half a minute, not longer.
 */
const LEASE_SECONDS = 3 * (WEBHOOK_ATTEMPT_TIMEOUT_MS / 1000);

export interface DeliverOptions {
  /** Deliveries sent at once, at most one per task (default 8). */
  limit?: number;
  /** Let callbacks reach private addresses (ALLOW_PRIVATE_URLS). */
  allowPrivate?: boolean;
}

/**
 * Sends the callbacks that are due, oldest first: for each task only its oldest undelivered
 * callback (so a task's callbacks arrive in order, a failing one holding back the later ones
 * until it is delivered or abandoned). Claims are leases in the database (nextAttempt pushed
 * ahead, FOR UPDATE SKIP LOCKED), so any number of workers can run this. Returns how many
 * deliveries were attempted.
 */
export async function deliverDueWebhooks(options: DeliverOptions = {}): Promise<number> {
  const { limit = 8 } = options;
  const claimed = await prisma.$queryRaw<{ id: number }[]>`
    UPDATE "WebhookDelivery" AS d SET "nextAttempt" = now() + make_interval(secs => ${LEASE_SECONDS}::double precision)
    FROM (
      SELECT h.id FROM "WebhookDelivery" AS h
      WHERE h."deliveredAt" IS NULL AND h."abandonedAt" IS NULL AND h."nextAttempt" <= now()
        AND NOT EXISTS (
          SELECT 1 FROM "WebhookDelivery" AS e
          WHERE e."taskId" = h."taskId" AND e.id < h.id AND e."deliveredAt" IS NULL AND e."abandonedAt" IS NULL
        )
      ORDER BY h."nextAttempt", h.id
      LIMIT ${limit}
      FOR UPDATE OF h SKIP LOCKED
    ) AS c
    WHERE d.id = c.id
    RETURNING d.id`;
  await Promise.all(claimed.map(({ id }) => attemptDelivery(id, options)));
  return claimed.length;
}

/** One POST of a claimed delivery; stores the attempt and schedules the next one or gives up. */
export async function attemptDelivery(deliveryId: number, options: DeliverOptions = {}): Promise<void> {
  const delivery = await prisma.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { user: { select: { webhookSecret: true } } },
  });
  if (!delivery || delivery.deliveredAt || delivery.abandonedAt) return;
  const body = JSON.stringify(delivery.payload);
  const started = new Date();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await safeRequest(delivery.url, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "LipsyncStudio-Webhook/1",
        [SIGNATURE_HEADER.toLowerCase()]: signPayload(delivery.user.webhookSecret, body),
        "x-lipsync-event": delivery.event,
        "x-lipsync-delivery": String(delivery.id),
        "x-lipsync-task": String(delivery.taskId),
      },
      maxRedirects: 0,
      allowPrivate: options.allowPrivate,
      idleTimeoutMs: WEBHOOK_ATTEMPT_TIMEOUT_MS,
      signal: AbortSignal.timeout(WEBHOOK_ATTEMPT_TIMEOUT_MS),
    });
    statusCode = response.statusCode;
    const snippet = await readSnippet(response.body, 300);
    response.close();
    if (statusCode < 200 || statusCode > 299) {
      error = `HTTP ${statusCode} ${STATUS_CODES[statusCode] ?? ""}`.trim() + (snippet ? `: ${snippet}` : "");
    }
  } catch (caught) {
    error = describeError(caught);
  }
  const finished = new Date();
  const attempts = delivery.attempts + 1;
  const first = await prisma.webhookAttempt.findFirst({ where: { deliveryId }, orderBy: { attemptedAt: "asc" } });
  const next = error ? nextAttemptAt(first?.attemptedAt ?? started, finished, attempts) : null;
  await prisma.$transaction([
    prisma.webhookAttempt.create({
      data: { deliveryId, attemptedAt: started, statusCode, error, durationMs: finished.getTime() - started.getTime() },
    }),
    prisma.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        attempts,
        statusCode,
        lastError: error,
        ...(error === null ? { deliveredAt: finished } : next ? { nextAttempt: next } : { abandonedAt: finished }),
      },
    }),
  ]);
  if (error !== null) countWebhookFailure(next === null);
}

async function readSnippet(body: AsyncIterable<Buffer>, maxChars: number): Promise<string> {
  let text = "";
  try {
    for await (const chunk of body) {
      text += chunk.toString("utf8");
      if (text.length >= maxChars) break;
    }
  } catch {
    // the body is only for the log
  }
  return text.slice(0, maxChars).replace(/\s+/g, " ").trim();
}

function describeError(error: unknown): string {
  if (error instanceof UrlRefusedError) return error.message;
  const err = error as NodeJS.ErrnoException;
  if (err?.name === "TimeoutError" || err?.name === "AbortError" || err?.code === "ETIMEDOUT") {
    return `No answer within ${WEBHOOK_ATTEMPT_TIMEOUT_MS / 1000} s`;
  }
  if (err?.code) return `Could not connect: ${err.code}`;
  return String(err?.message ?? error);
}
