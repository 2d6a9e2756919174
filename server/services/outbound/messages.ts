import type { Db } from "../../db/client";

// The outbound message log (owner emails, chat alerts): one row per message, keyed so that a job
// run twice sends once, with the attempts and the last error for whoever looks into a failure.

export interface MessageClaim {
  id: string;
  alreadySent: boolean;
}

export async function claimMessage(
  db: Db,
  input: {
    channel: "email" | "alert";
    kind: string;
    dedupeKey: string;
    recipient: string | null;
    subject: string | null;
  },
): Promise<MessageClaim> {
  const row = await db.outboundMessage.upsert({
    where: { dedupeKey: input.dedupeKey },
    create: { ...input, status: "queued" },
    update: {},
    select: { id: true, status: true },
  });
  return { id: row.id, alreadySent: row.status === "sent" || row.status === "skipped" };
}

export async function markSent(db: Db, id: string, reference: string | null) {
  await db.outboundMessage.update({
    where: { id },
    data: { status: "sent", sentAt: new Date(), reference, attempts: { increment: 1 }, lastError: null },
  });
}

export async function markSkipped(db: Db, id: string, why: string) {
  await db.outboundMessage.update({ where: { id }, data: { status: "skipped", lastError: why } });
}

/** Records a failed attempt; the job then throws so the queue retries it with backoff. */
export async function markFailed(db: Db, id: string, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  await db.outboundMessage.update({
    where: { id },
    data: { status: "failed", lastError: message.slice(0, 500), attempts: { increment: 1 } },
  });
}
