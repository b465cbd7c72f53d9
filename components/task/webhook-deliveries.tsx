import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import type { TaskDelivery } from "@/lib/studio/task-detail/find-task-deliveries";
import { LocalTime } from "./local-time";

const stateLooks: Record<TaskDelivery["state"], { label: string; className: string }> = {
  delivered: { label: "Delivered", className: "text-emerald-700 dark:text-emerald-400" },
  abandoned: { label: "Abandoned", className: "text-red-700 dark:text-red-400" },
  pending: { label: "Pending", className: "text-stone-600 dark:text-stone-400" },
};

function When({ delivery }: { delivery: TaskDelivery }) {
  const at = delivery.deliveredAt ?? delivery.abandonedAt ?? delivery.nextAttempt;
  if (at === null) return <>—</>;
  return (
    <>
      {delivery.state === "pending" && "next try "}
      <LocalTime iso={new Date(at).toISOString()} />
    </>
  );
}

/** Every callback of the task to its replyUrl, oldest first. */
export function WebhookDeliveries({ replyUrl, deliveries }: { replyUrl: string; deliveries: TaskDelivery[] }) {
  return (
    <Card className="flex flex-col gap-3">
      <h2 className="text-base font-semibold">Webhook deliveries</h2>
      <p className="break-all text-sm text-stone-600 dark:text-stone-400">
        To <span className="font-mono text-xs">{replyUrl}</span>
      </p>
      {deliveries.length === 0 ? (
        <p className="text-sm text-stone-600 dark:text-stone-400">None yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-stone-500 dark:text-stone-400">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Event</th>
                <th scope="col" className="py-2 pr-4 font-medium">State</th>
                <th scope="col" className="py-2 pr-4 font-medium">Status code</th>
                <th scope="col" className="py-2 pr-4 font-medium">Attempts</th>
                <th scope="col" className="py-2 pr-4 font-medium">When</th>
                <th scope="col" className="py-2 font-medium">Last error</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200 align-top dark:divide-stone-800">
              {deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td className="py-2 pr-4 font-medium">{delivery.event}</td>
                  <td className={cn("py-2 pr-4", stateLooks[delivery.state].className)}>{stateLooks[delivery.state].label}</td>
                  <td className="py-2 pr-4 tabular-nums">{delivery.statusCode ?? "—"}</td>
                  <td className="py-2 pr-4 tabular-nums">{delivery.attempts}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">
                    <When delivery={delivery} />
                  </td>
                  <td className="max-w-64 py-2 text-stone-600 dark:text-stone-400">
                    <span className="line-clamp-2 break-words" title={delivery.lastError ?? undefined}>
                      {delivery.lastError ?? "—"}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
