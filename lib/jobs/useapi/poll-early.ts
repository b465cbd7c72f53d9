import { getBoss, PGBOSS_SCHEMA, QUEUES } from "../queue";

/** A useapi callback arrived: the task's waiting poll runs now instead of at its scheduled time. Returns whether one was waiting. */
export async function pollEarly(taskId: number): Promise<boolean> {
  const boss = await getBoss();
  const { rows } = await boss.getDb().executeSql(
    `UPDATE ${PGBOSS_SCHEMA}.job SET start_after = now() WHERE name = $1 AND state IN ('created', 'retry') AND data->>'taskId' = $2 RETURNING id`,
    [QUEUES.useapiPoll, String(taskId)],
  );
  return rows.length > 0;
}
