import type { Db } from "../../db/client";
import type { JobSender } from "../../jobs/runtime";

// The SLA clock: a handoff still open with no response after its due time is marked breached
// (once), with a `handoff.sla_breached` event and an alert, all in one transaction.

export async function sweepSlaBreaches(db: Db, jobs: JobSender, now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const breached = await tx.$queryRaw<
      { id: string; conversation_id: string; owner_id: string | null; due_at: Date }[]
    >`
      UPDATE handoffs SET breached_at = ${now}, updated_at = ${now}
      WHERE id IN (
        SELECT id FROM handoffs
        WHERE status = 'open' AND responded_at IS NULL AND breached_at IS NULL AND due_at < ${now}
        ORDER BY due_at
        LIMIT 500
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, conversation_id, owner_id, due_at`;
    if (breached.length === 0) return 0;
    await tx.event.createMany({
      data: breached.map((row) => ({
        type: "handoff.sla_breached",
        conversationId: row.conversation_id,
        data: {
          handoffId: row.id,
          ownerId: row.owner_id,
          dueAt: row.due_at.toISOString(),
          lateByMinutes: Math.floor((now.getTime() - row.due_at.getTime()) / 60_000),
        },
        occurredAt: now,
      })),
    });
    for (const row of breached) await jobs.send(tx, "alert", { kind: "sla_breach", subjectId: row.id });
    return breached.length;
  });
}
